package io.sunsync.flight.jobs;

/** Who suspended a job, which decides who may resume it. */
public enum SuspendCause {
    /** By command ({@link JobControl#suspend}); only {@link JobControl#resume} continues it. */
    COMMANDED,
    /** By the scheduler, lending its boards to a higher-priority job; resumed when they are free. */
    PREEMPTED,
    /**
     * Because the throttler switched one of its boards off for power or thermal reasons
     * ({@link JobRunner#boardShed}); resumed when all its boards are back on
     * ({@link JobRunner#boardRestored}).
     */
    SHED
}
