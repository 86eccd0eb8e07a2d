package io.sunsync.ground.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * {@code -s/--sat ID}, repeatable: the satellites a command listens to or records
 * ({@code status}, {@code events}, {@code archive record}), every satellite when none is given. A
 * picocli mixin; read after parsing, on the command's thread.
 */
public final class SatelliteSelection {
    @Option(names = {"-s", "--sat"}, paramLabel = "ID", description = "Satellite id; repeat for several (default: every satellite).")
    List<String> sats = new ArrayList<>();

    /** The satellites given, in order; empty for every satellite. */
    List<String> ids() {
        return sats;
    }

    /** The satellite level of the topic filters: the ids given, else the wildcard {@code +}. */
    List<String> topicLevels() {
        return sats.isEmpty() ? List.of("+") : sats;
    }
}
