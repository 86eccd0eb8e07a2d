package io.sunsync.flight.jobs;

/**
 * The life of a job:
 * <pre>
 *   QUEUED → RUNNING ⇄ SUSPENDED
 *              RUNNING ⇄ CHECKPOINTING
 *   RUNNING / SUSPENDED / CHECKPOINTING → QUEUED   (preempted, board lost, runner restarted)
 *   RUNNING → CHECKING → SUCCEEDED                 (a job that declares a check: its stored result is checked)
 *   CHECKING → QUEUED                               (the result failed its check: computed again from scratch)
 *   any non-terminal → SUCCEEDED | FAILED | CANCELLED | EXPIRED   (terminal, with a {@link JobReason})
 * </pre>
 * A terminal state is final: the job never runs again.
 */
public enum JobState {
    /** Waiting for boards (new, or requeued from its last checkpoint). */
    QUEUED,
    /** Its process (or synthetic workload) is running on its boards. */
    RUNNING,
    /** Stopped in place (SIGSTOP), keeping its process; resumed with SIGCONT. */
    SUSPENDED,
    /** Asked to write a checkpoint (SIGUSR1), within a grace period. */
    CHECKPOINTING,
    /**
     * Its work is done and its result stored, but not offered for downlink: the result is being
     * checked for silent data corruption (a verifier, or sampled items computed again on another
     * board). Holds no boards.
     */
    CHECKING,
    /** Finished; its result is checksummed in the results store. */
    SUCCEEDED,
    /** Ended without a usable result; the reason says why. */
    FAILED,
    /** Cancelled by command. */
    CANCELLED,
    /** Its deadline passed before it finished. */
    EXPIRED;

    /** True for the final states. */
    public boolean terminal() {
        return this == SUCCEEDED || this == FAILED || this == CANCELLED || this == EXPIRED;
    }

    /** True while the job holds boards (running, suspended or checkpointing). */
    public boolean onBoards() {
        return this == RUNNING || this == SUSPENDED || this == CHECKPOINTING;
    }
}
