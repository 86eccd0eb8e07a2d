package io.sunsync.ground.cli;

import picocli.CommandLine.Option;

/**
 * {@code --timeout-s}: how long {@code status} and {@code fleet} listen for live frames after the
 * broker's retained ones (default 3 s); a satellite that sends none in that time is stale (in
 * {@code fleet --watch}, after {@code --stale-after-s}). A picocli mixin; read after parsing, on
 * the command's thread.
 */
public final class ListenWindow {
    @Option(names = "--timeout-s", defaultValue = "3", description = "How long to listen for live frames, in s (default ${DEFAULT-VALUE}).")
    double timeoutS;

    /** {@code --timeout-s}, in s. */
    double seconds() {
        return timeoutS;
    }

    /** The {@link System#nanoTime()} at which to stop listening, counted from now. */
    long deadlineNanos() {
        return System.nanoTime() + (long) (timeoutS * 1e9);
    }
}
