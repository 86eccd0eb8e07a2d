package io.sunsync.ground.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * {@code -o/--out DIR}: where {@code job result} and {@code job submit --follow} download a job's
 * result (default {@code results}, each job in its own folder). A picocli mixin; read after
 * parsing, on the command's thread.
 */
public final class ResultsFolder {
    @Option(names = {"-o", "--out"}, defaultValue = "results", description = "Where results go (default ${DEFAULT-VALUE}).")
    Path out;

    /** The folder. */
    Path path() {
        return out;
    }
}
