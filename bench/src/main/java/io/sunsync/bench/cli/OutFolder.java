package io.sunsync.bench.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * {@code --out DIR}: the folder a benchmark writes its {@code NAME.json} and {@code NAME.md} to
 * (default {@code bench/out}). A picocli mixin; read after parsing, on the command's thread.
 */
public final class OutFolder {
    @Option(names = "--out", paramLabel = "DIR", description = "Output folder (default: ${DEFAULT-VALUE}).")
    Path out = Path.of("bench", "out");

    /** The folder. */
    public Path path() {
        return out;
    }
}
