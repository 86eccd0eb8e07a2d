package io.sunsync.flight.cmd;

/** Why an accepted command failed while executing (the FAILED report's reason). */
public enum FailReason {
    /** The hardware refused or did not confirm the command (read-back disagreed). */
    HARDWARE_FAULT,
    /** The on-board state does not allow it now (e.g. key already active, sequence running). */
    INVALID_STATE,
    /** What it names does not exist (board, loop, parameter, job, sequence, time-tag). */
    NOT_FOUND,
    /** Stopped before it finished (sequence stopped, job cancelled). */
    CANCELLED,
    /** The mode changed after acceptance and no longer allows it. */
    NOT_ALLOWED_IN_MODE,
    /** The service it needs is not present in this build or configuration. */
    UNAVAILABLE,
    /** A flight software error; logged on board. */
    INTERNAL_ERROR
}
