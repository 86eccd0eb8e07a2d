package io.sunsync.ground.archive;

import java.nio.file.Path;
import java.util.Objects;

/**
 * How an archive writer stores what it receives.
 *
 * @param root         the archive's root folder
 * @param writer       this writer's name in file names (several processes may write one archive)
 * @param maxFileBytes a file is rotated before it would pass this size, in bytes
 * @param csv          also write CSV next to the JSON lines
 * @param fsync        force every record to disk (survives a power cut, not only a killed process)
 * @param seenPerStream keys remembered per (satellite, stream) for de-duplication
 */
public record ArchiveSettings(Path root, String writer, long maxFileBytes, boolean csv, boolean fsync,
                              int seenPerStream) {
    public ArchiveSettings {
        Objects.requireNonNull(root, "root");
        if (!ArchiveLayout.isSafeName(writer)) {
            throw new IllegalArgumentException("writer '" + writer + "' must be 1-64 letters, digits, '_' or '-'");
        }
        if (maxFileBytes < 1024) {
            throw new IllegalArgumentException("maxFileBytes must be >= 1024, was " + maxFileBytes);
        }
        if (seenPerStream < 1) {
            throw new IllegalArgumentException("seenPerStream must be >= 1");
        }
    }

    /** JSONL and CSV, 64 MiB files, no fsync, 100 000 keys per stream. */
    public static ArchiveSettings defaults(Path root, String writer) {
        return new ArchiveSettings(root, writer, 64L << 20, true, false, 100_000);
    }
}
