package io.sunsync.bench.cli;

import picocli.CommandLine.Option;

/**
 * {@code --seed S}: the random seed a benchmark or campaign draws its choices from (default 1),
 * so a run can be repeated. A picocli mixin; read after parsing, on the command's thread.
 */
public final class Seed {
    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    /** The seed. */
    public long value() {
        return seed;
    }
}
