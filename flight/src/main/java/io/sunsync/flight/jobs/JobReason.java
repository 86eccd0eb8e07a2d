package io.sunsync.flight.jobs;

/**
 * Why a job is in its state: every transition is journaled with one. Terminal states always
 * carry one of the terminal reasons below.
 */
public enum JobReason {
    /** Accepted and queued. */
    SUBMITTED(false),
    /** Started on its boards. */
    STARTED(false),
    /** Suspended by command (e.g. the throttler shedding load). */
    SUSPENDED_BY_COMMAND(false),
    /** Suspended so a higher-priority job could use its boards. */
    PREEMPTED(false),
    /** Resumed after a suspension. */
    RESUMED(false),
    /** Asked to checkpoint. */
    CHECKPOINT_REQUESTED(false),
    /** Wrote a checkpoint (acknowledged, or synthetic progress saved). */
    CHECKPOINTED(false),
    /** Did not acknowledge a checkpoint request within the grace period. */
    CHECKPOINT_TIMEOUT(false),
    /** Exited with code 75 after checkpointing: requeued to resume from the checkpoint. */
    CHECKPOINT_EXIT(false),
    /**
     * Killed by the checkpoint signal (SIGUSR1) the runner sent, before it had installed a handler:
     * requeued from its last checkpoint.
     */
    CHECKPOINT_SIGNAL_UNHANDLED(false),
    /** One of its boards failed, hung, reset or was disabled: requeued from its last checkpoint. */
    BOARD_LOST(false),
    /** The flight software restarted while it ran: requeued from its last checkpoint. */
    RUNNER_RESTARTED(false),
    /** Process exited with code 0, result being stored (journaled so a crash resumes the storing). */
    EXITED(false),
    /** CHECKING: the result is stored and its check began. */
    CHECK_STARTED(false),
    /**
     * QUEUED: the result failed its check (a verifier said wrong, or a sampled item computed again
     * on another board came out different and a third board sided with it): it was discarded and
     * the job is computed again from scratch (its checkpoint discarded too).
     */
    CHECK_FAILED(false),

    /** SUCCEEDED: the process exited 0 (or the synthetic work was done) and the result is stored. */
    COMPLETED(true),
    /** SUCCEEDED: its work was done (exit 0 journaled) before a restart; its result was stored after it. */
    RESULT_ADOPTED(true),
    /** SUCCEEDED: its result passed its check (verifier or sampled recomputation). */
    CHECKED(true),
    /** FAILED: the check could not be made (the verifier crashed or timed out, a check run kept failing). */
    CHECK_ERROR(true),
    /** FAILED: the process exited with a non-zero code. */
    EXIT_NONZERO(true),
    /** FAILED: the process was killed by a signal it did not get from the runner. */
    KILLED_BY_SIGNAL(true),
    /** FAILED: the process could not be started (no such program, permission). */
    LAUNCH_FAILED(true),
    /** FAILED: exited 0 but wrote no result file. */
    NO_RESULT(true),
    /** FAILED: the result holds something other than regular files and directories (e.g. a link). */
    RESULT_INVALID(true),
    /** FAILED: the result is larger than the per-job limit. */
    RESULT_TOO_LARGE(true),
    /** FAILED: the result could not be stored (disk error). */
    RESULT_STORE_ERROR(true),
    /** FAILED: its boards spent its energy budget. */
    ENERGY_BUDGET_EXCEEDED(true),
    /** FAILED: started more often than the limit allows (a crash loop). */
    TOO_MANY_STARTS(true),
    /** CANCELLED: by command. */
    CANCELLED_BY_COMMAND(true),
    /** EXPIRED: its deadline passed. */
    DEADLINE_PASSED(true);

    private final boolean terminal;

    JobReason(boolean terminal) {
        this.terminal = terminal;
    }

    /** True for reasons that end a job. */
    public boolean terminal() {
        return terminal;
    }
}
