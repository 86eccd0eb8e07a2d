package io.sunsync.sim.cli;

import io.sunsync.sim.scenario.Scenario;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The {@code --scenario} option of {@code sim elements}, {@code sim run} and {@code sim hil} (a
 * picocli mixin), and the one rule by which every sim command picks its scenario: the file given,
 * else the reference scenario. Not thread safe (picocli fills it).
 */
public final class ScenarioOption {
    @Option(names = "--scenario", description = "Scenario file (YAML or JSON); default: the reference scenario.")
    Path file;

    /** The scenario of {@code --scenario}, else the reference scenario. */
    Scenario load() {
        return load(file);
    }

    /** The scenario in {@code fileOrNull} (YAML or JSON), else the reference scenario. */
    static Scenario load(Path fileOrNull) {
        return fileOrNull == null ? Scenario.reference() : Scenario.load(fileOrNull);
    }
}
