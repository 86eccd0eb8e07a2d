package io.sunsync.sim.cli;

import io.sunsync.sim.SimSatellite;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The {@code --truth-log} option of {@code sim run} and {@code sim hil}, and what both record of
 * the truth with it (a picocli mixin). Not thread safe (picocli fills it).
 */
public final class TruthLogOption {
    @Option(names = "--truth-log", description = "Write the truth record as JSON lines to this file.")
    Path file;

    /** A truth sample every 60 s, none kept in memory, written to {@code --truth-log} when given. */
    SimSatellite.Recording recording() {
        return new SimSatellite.Recording(60, 0, file);
    }
}
