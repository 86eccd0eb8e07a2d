package io.sunsync.ground.testing;

import io.sunsync.ground.cli.GroundMain;
import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** Runs {@code sunsync ground …} in this JVM and captures what it printed. */
public final class Cli {
    private Cli() {
    }

    /**
     * The result of one run.
     *
     * @param exit the exit status
     * @param out  standard output
     * @param err  standard error
     */
    public record Run(int exit, String out, String err) {
    }

    /** Runs the command line {@code args}. */
    public static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = GroundMain.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int exit = cl.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }
}
