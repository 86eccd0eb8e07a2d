package io.sunsync.flight.jobs;

import java.time.Instant;

/**
 * A finished, verified result waiting for downlink ({@link JobService#pendingResults()}).
 *
 * @param jobId       job id
 * @param owner       owner
 * @param priority    the job's priority (downlink order hint)
 * @param finishedAt  mission time it finished
 * @param files       number of files
 * @param totalBytes  total size, in bytes
 */
public record ResultSummary(String jobId, String owner, int priority, Instant finishedAt, int files, long totalBytes) {
}
