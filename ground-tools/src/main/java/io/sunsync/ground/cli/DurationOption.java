package io.sunsync.ground.cli;

import picocli.CommandLine.Option;

/**
 * The {@code --duration-s} option of the ground commands that otherwise run until stopped
 * ({@code archive record}, {@code fleet ingest}, {@code tm watch}, {@code events}, counted from
 * when it starts following). A picocli mixin; read after parsing, on the command's thread.
 */
public final class DurationOption {
    @Option(names = "--duration-s", paramLabel = "S", description = "Stop after S seconds.")
    Double durationS;

    /**
     * The {@link System#nanoTime()} at which to stop, counted from now; {@link Long#MAX_VALUE}
     * without {@code --duration-s}.
     */
    long deadlineNanos() {
        return durationS == null ? Long.MAX_VALUE : System.nanoTime() + (long) (durationS * 1e9);
    }
}
