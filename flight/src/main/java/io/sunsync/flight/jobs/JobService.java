package io.sunsync.flight.jobs;

import java.util.List;
import java.util.Optional;

/**
 * The job runner as the command link and the downlink see it. Every method is thread safe and
 * returns promptly (it may wait for one journal write, a few ms). A state change is journaled
 * (forced to disk) before the method returns success.
 *
 * <p>Results: a job that SUCCEEDED has a checksummed result in the results store, listed by
 * {@link #pendingResults()} until the ground acknowledges it with {@link #ackResult}; only
 * results that verify are listed or opened.
 */
public interface JobService {

    /** Validates and queues {@code spec}; refusals carry a {@link JobRejectReason} and are reported as events. */
    SubmitResult submit(JobSpec spec);

    /** Parses {@code json} strictly ({@link JobSpecParser}) and submits it. */
    SubmitResult submitJson(String json);

    /** Cancels an unfinished job (its process tree is killed). */
    ControlResult cancel(String jobId, String why);

    /** Every job known (unfinished, and finished ones still remembered), in order of submission. */
    List<JobStatus> list();

    /** One job. */
    Optional<JobStatus> get(String jobId);

    /** Finished, verified results awaiting downlink, highest priority first, then oldest first. */
    List<ResultSummary> pendingResults();

    /**
     * Opens a pending result after verifying every file's size and SHA-256; empty when there is
     * no such result or it fails verification (then it is held back and a {@code RESULT_CORRUPT}
     * event is reported).
     */
    Optional<ResultBundle> openResult(String jobId);

    /** The ground has the result: it is journaled as acknowledged and deleted on board. */
    ControlResult ackResult(String jobId);
}
