package io.sunsync.bench.cli;

import picocli.CommandLine;

/**
 * Runs a benchmark's or campaign's picocli command from its {@code main} and exits with its code:
 * what the command returns (0 passed, 1 a target or check failed), 2 for a usage error (an unknown
 * option, a value that does not parse). An option given twice takes its last value, so what a
 * user adds after {@code ./sunsync}'s own options wins; enum values are read in any case. Stateless.
 */
public final class BenchCommand {
    private BenchCommand() {
    }

    /** Parses {@code args} into {@code command}, runs it and exits the JVM with its exit code. */
    public static void exit(Object command, String... args) {
        System.exit(new CommandLine(command).setOverwrittenOptionsAllowed(true).setCaseInsensitiveEnumValuesAllowed(true)
                .execute(args));
    }
}
