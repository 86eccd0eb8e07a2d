package io.sunsync.hal.probe;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The hal launcher: {@code sunsync hal COMMAND}. Exit codes: 0 done, 2 bad command line.
 */
@Command(name = "sunsync hal", mixinStandardHelpOptions = true, version = "sunsync-hal 0.1.0",
        description = "Tools for bringing up real hardware with the hal backends.",
        subcommands = {ProbeCommand.class, CommandLine.HelpCommand.class})
public final class HalMain implements Runnable {

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the launcher and returns its exit code (for tests). */
    public static int run(String... args) {
        return new CommandLine(new HalMain()).execute(args);
    }

    /** Runs the launcher writing to {@code out} and {@code err}, and returns its exit code (for tests). */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        return new CommandLine(new HalMain()).setOut(out).setErr(err).execute(args);
    }

    @Override
    public void run() {
        CommandLine.usage(this, System.out);
    }
}
