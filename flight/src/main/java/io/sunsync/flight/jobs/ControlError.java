package io.sunsync.flight.jobs;

/** Why a control or result command on a job was refused. */
public enum ControlError {
    /** No job with that id is known. */
    UNKNOWN_JOB,
    /** The job's state does not allow it (e.g. resume a running job, cancel a finished one). */
    WRONG_STATE,
    /** A checkpoint was asked of a job that does not declare checkpoint support. */
    NOT_CHECKPOINTABLE,
    /** No result awaits acknowledgement for that job (not finished, failed, or already acked). */
    NO_RESULT,
    /** The stored result does not match its checksums: it is held back, not offered. */
    RESULT_CORRUPT,
    /** The signal could not be delivered (the process is gone). */
    SIGNAL_FAILED,
    /** The journal could not be written; nothing changed. */
    JOURNAL_ERROR,
    /** The runner has not finished starting. */
    NOT_READY
}
