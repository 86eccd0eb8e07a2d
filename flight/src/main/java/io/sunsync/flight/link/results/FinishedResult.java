package io.sunsync.flight.link.results;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A finished job's result, ready for downlink.
 *
 * @param jobId      the job's id ({@code [A-Za-z0-9._-]}, 1..64, not starting with '.'), used in topics
 * @param finishedAt mission time the job finished
 * @param files      its files, in the order they are sent
 */
public record FinishedResult(String jobId, Instant finishedAt, List<ResultFile> files) {
    public FinishedResult {
        Objects.requireNonNull(jobId, "jobId");
        Objects.requireNonNull(finishedAt, "finishedAt");
        files = List.copyOf(files);
    }

    /**
     * One file of a result.
     *
     * @param name      file name ({@code [A-Za-z0-9._-]}, 1..128, not starting with '.')
     * @param sizeBytes its size in bytes
     * @param sha256    SHA-256 of its content, lower-case hex, as recorded when the job finished
     */
    public record ResultFile(String name, long sizeBytes, String sha256) {
        public ResultFile {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(sha256, "sha256");
            if (sizeBytes < 0) {
                throw new IllegalArgumentException("sizeBytes must be >= 0, was " + sizeBytes);
            }
        }
    }
}
