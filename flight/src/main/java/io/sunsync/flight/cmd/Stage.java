package io.sunsync.flight.cmd;

/** The stages of a command's verification, as PUS service 1's report subtypes. */
public enum Stage {
    /** Passed every check; will execute. */
    ACCEPTED,
    /** Refused; did nothing. */
    REJECTED,
    /** Execution began. */
    STARTED,
    /** A long command's progress. */
    PROGRESS,
    /** Execution finished successfully. */
    COMPLETED,
    /** Execution failed. */
    FAILED
}
