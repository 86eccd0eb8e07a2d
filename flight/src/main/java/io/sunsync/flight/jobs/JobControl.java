package io.sunsync.flight.jobs;

import java.util.List;

/**
 * The job runner as the power-aware throttler sees it: which jobs occupy which boards, and the
 * levers on them. Thread safe; the throttler calls it from its control tick.
 *
 * <p>A job suspended here keeps its boards (its process is stopped with SIGSTOP and draws idle
 * power only) until {@link #resume}; the scheduler never resumes it on its own. A checkpoint
 * request sends SIGUSR1 (process jobs) and the job stays in CHECKPOINTING until it acknowledges
 * or the grace period passes, then runs on; synthetic jobs checkpoint at once.
 */
public interface JobControl {

    /** Jobs on boards now (RUNNING, SUSPENDED, CHECKPOINTING), highest priority first. */
    List<RunningJob> runningJobs();

    /** Suspends a RUNNING job in place. */
    ControlResult suspend(String jobId, String reason);

    /** Resumes a job suspended by {@link #suspend}. */
    ControlResult resume(String jobId);

    /** Asks a RUNNING, checkpointable job to write a checkpoint. */
    ControlResult requestCheckpoint(String jobId);
}
