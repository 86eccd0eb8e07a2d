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

    /**
     * How much the work for a board is worth: {@code (priority + 1) / 51} of the job on it, or of
     * the best queued job that could use it when it is free; 0 when there is none (it may go off).
     */
    double boardWeight(String boardId);

    /**
     * The job whose boards must be on together for {@code boardId}'s work to go on: the id of a job
     * on more than one board, running on it or suspended because one of its boards was switched off
     * ({@link SuspendCause#SHED}); null otherwise (a free board, a one-board job, a job suspended by
     * command or preemption).
     */
    String boardGang(String boardId);

    /** The throttler switched a board off: its job is suspended in place (cause {@link SuspendCause#SHED}). */
    void boardShed(String boardId, String reason);

    /** The throttler switched a board back on: jobs suspended for it resume once all their boards are on. */
    void boardRestored(String boardId);

    /** Fault protection isolated a board: its job is requeued from its last checkpoint. */
    void boardIsolated(String boardId, String reason);
}
