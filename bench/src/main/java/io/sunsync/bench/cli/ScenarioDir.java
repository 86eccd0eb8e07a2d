package io.sunsync.bench.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * {@code --scenario-dir DIR}: where the reference scenarios are (default
 * {@code sim-harness/scenarios}, from the repository root as {@code ./sunsync} runs). A picocli
 * mixin; read after parsing, on the command's thread.
 */
public final class ScenarioDir {
    @Option(names = "--scenario-dir", paramLabel = "DIR", description = "Where the reference scenarios are (default: ${DEFAULT-VALUE}).")
    Path dir = Path.of("sim-harness", "scenarios");

    /** The reference scenario {@code name} ({@code DIR/name.yaml}). */
    public Path scenario(String name) {
        return dir.resolve(name + ".yaml");
    }

    /** The folder. */
    public Path path() {
        return dir;
    }
}
