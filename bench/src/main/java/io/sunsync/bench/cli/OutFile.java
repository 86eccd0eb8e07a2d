package io.sunsync.bench.cli;

import com.fasterxml.jackson.databind.ObjectWriter;
import io.sunsync.flight.link.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code --out FILE}: where a benchmark writes its JSON, by default {@code bench/out/NAME.json}
 * after the command's name (the file the suite's summary reads). A picocli mixin; read after
 * parsing, on the command's thread.
 */
public final class OutFile {
    /** How the benchmarks write their JSON: indented, in flight's encoding (ISO-8601 instants). */
    static final ObjectWriter JSON = Json.mapper().writerWithDefaultPrettyPrinter();

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    @Option(names = "--out", paramLabel = "FILE", description = "JSON output (default: bench/out/${COMMAND-NAME}.json).")
    Path out;

    /** The file to write. */
    public Path path() {
        return out != null ? out : Path.of("bench", "out", command.name() + ".json");
    }

    /**
     * Writes {@code doc} to the file as indented JSON (flight's encoding: ISO-8601 instants), making
     * its folder if missing; returns the file.
     */
    public Path write(Object doc) throws IOException {
        Path file = path();
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.write(file, JSON.writeValueAsBytes(doc));
        return file;
    }
}
