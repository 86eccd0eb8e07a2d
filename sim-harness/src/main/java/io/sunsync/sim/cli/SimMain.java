package io.sunsync.sim.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code sunsync sim}: mission-design and simulation commands (orbit, run, hil, bench, elements, fleet, design).
 * Exit codes: 0 success, 1 the run found a problem (e.g. violations with {@code --strict}),
 * 2 bad arguments or a bad scenario file.
 */
@Command(name = "sunsync sim", mixinStandardHelpOptions = true,
        description = "Mission design and simulation with the sunsync sim harness.",
        subcommands = {OrbitCommand.class, RunCommand.class, HilCommand.class, BenchCommand.class,
                ElementsCommand.class, FleetCommand.class, DesignCommand.class})
public final class SimMain implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(execute(new java.io.PrintWriter(System.out, true), new java.io.PrintWriter(System.err, true), args));
    }

    /** Runs the command line writing to {@code out} and {@code err}, and returns the exit code. */
    public static int execute(java.io.PrintWriter out, java.io.PrintWriter err, String... args) {
        return new CommandLine(new SimMain()).setOut(out).setErr(err).setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof io.sunsync.hal.config.ConfigException ce) {
                cmd.getErr().println("sunsync sim: bad scenario: " + ce.getMessage());
                return 2;
            }
            if (e instanceof IllegalArgumentException iae) {
                cmd.getErr().println("sunsync sim: " + iae.getMessage());
                return 2;
            }
            throw e;
        }).execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
