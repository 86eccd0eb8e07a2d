package io.sunsync.flight.jobs;

import io.sunsync.flight.jobs.results.ResultFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;

/**
 * An opened result, verified against its checksums when opened ({@link JobService#openResult}).
 * The files stay on board until {@link JobService#ackResult}; read them before acknowledging.
 *
 * @param jobId       job id
 * @param owner       owner
 * @param files       every file with its size and SHA-256
 * @param totalBytes  total size, in bytes
 * @param filesDir    the directory holding the files (read only)
 */
public record ResultBundle(String jobId, String owner, List<ResultFile> files, long totalBytes, Path filesDir) {
    public ResultBundle {
        files = List.copyOf(files);
    }

    /** Where {@code file} lies on disk. */
    public Path pathOf(ResultFile file) {
        if (!files.contains(file)) {
            throw new IllegalArgumentException(file.path() + " is not part of the result of " + jobId);
        }
        return filesDir.resolve(file.path());
    }

    /** Opens {@code file} for reading. */
    public InputStream open(ResultFile file) throws IOException {
        return Files.newInputStream(pathOf(file), LinkOption.NOFOLLOW_LINKS);
    }
}
