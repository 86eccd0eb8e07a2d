package io.sunsync.ground.store;

import java.time.Instant;
import java.util.List;

/**
 * One job's life as its events told it (source {@code jobs}, docs/jobs.md), and its result's
 * manifest when the result came down.
 *
 * @param sat           satellite id
 * @param jobId         job id
 * @param owner         owner from the job's spec, or null
 * @param state         its latest state (QUEUED, RUNNING, SUSPENDED, CHECKPOINTING, CHECKING, SUCCEEDED, FAILED, CANCELLED, EXPIRED)
 * @param reason        the reason of its latest transition
 * @param first         mission time of its first event
 * @param last          mission time of its latest event
 * @param starts        times it was started
 * @param workUnits     work done, or NaN when not reported
 * @param energyUsedWh  energy used, Wh, or NaN
 * @param resultBytes   size of its stored result, bytes, or -1
 * @param result        the downlinked result's manifest, or null
 * @param transitions   every event code in order ({@code JOB_SUBMITTED}, {@code JOB_STARTED}, …)
 */
public record JobHistory(String sat, String jobId, String owner, String state, String reason, Instant first, Instant last,
                         int starts, double workUnits, double energyUsedWh, long resultBytes, ResultManifest result,
                         List<String> transitions) {
    public JobHistory {
        transitions = List.copyOf(transitions);
    }

    /**
     * A result manifest as it came down (docs/icd/downlink.md).
     *
     * @param t          mission time it was sent
     * @param finishedAt mission time the job finished
     * @param totalBytes size of all files, bytes
     * @param files      number of files
     */
    public record ResultManifest(Instant t, Instant finishedAt, long totalBytes, int files) {
    }
}
