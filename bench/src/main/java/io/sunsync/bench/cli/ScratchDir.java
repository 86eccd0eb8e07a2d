package io.sunsync.bench.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * {@code --dir DIR}: the folder a benchmark makes its scratch folder in (default: the JVM's
 * temporary folder), e.g. a tmpfs or the disk flight's state would be on. A picocli mixin; read
 * after parsing, on the command's thread.
 */
public final class ScratchDir {
    @Option(names = "--dir", paramLabel = "DIR", defaultValue = "${sys:java.io.tmpdir}",
            description = "Where the scratch folder goes (default: ${DEFAULT-VALUE}).")
    Path dir;

    /** A new scratch folder under {@code --dir}, named {@code prefix…}. */
    public Path create(String prefix) throws IOException {
        return Files.createTempDirectory(dir, prefix);
    }
}
