package io.sunsync.bench.cli;

import java.io.IOException;
import java.nio.file.Files;
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

    /**
     * Writes {@code NAME.json} ({@code doc} as indented JSON, as {@link OutFile} writes it) and
     * {@code NAME.md} into the folder, made if missing.
     */
    public void write(String name, Object doc, String md) throws IOException {
        Files.createDirectories(out);
        Files.write(out.resolve(name + ".json"), OutFile.JSON.writeValueAsBytes(doc));
        Files.writeString(out.resolve(name + ".md"), md);
    }
}
