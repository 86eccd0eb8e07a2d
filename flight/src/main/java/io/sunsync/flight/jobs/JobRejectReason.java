package io.sunsync.flight.jobs;

/**
 * Why a job spec or a submission was refused. The code is stable and machine-readable (it goes
 * into the verification report and the {@code JOB_REJECTED} event); the message says more.
 */
public enum JobRejectReason {
    /** Not parsable: bad JSON/YAML syntax, not an object, duplicate keys, trailing data, too large. */
    MALFORMED,
    /** A field the spec format does not have (a typo would otherwise be silently ignored). */
    UNKNOWN_FIELD,
    /** A required field is missing. */
    MISSING_FIELD,
    /** A field has the wrong type or an unparsable value (e.g. a string where a number belongs). */
    BAD_VALUE,
    /** The id is not 1-64 characters of {@code [A-Za-z0-9._-]} starting with a letter or digit. */
    BAD_ID,
    /** The owner is not 1-64 characters of {@code [A-Za-z0-9._-]} starting with a letter or digit. */
    BAD_OWNER,
    /** Priority outside 0..100. */
    BAD_PRIORITY,
    /** The deadline has already passed. */
    DEADLINE_PASSED,
    /** Board count below 1 or above the number of boards this satellite has. */
    BAD_BOARD_COUNT,
    /** Minimum cap not positive, or above every board's maximum cap. */
    BAD_MIN_CAP,
    /** Energy budget negative, zero or not finite. */
    BAD_ENERGY_BUDGET,
    /** Expected work negative or not finite, or missing for a synthetic job. */
    BAD_WORK_UNITS,
    /** A process job without a command (or with an empty one). */
    MISSING_COMMAND,
    /** Command with an empty or over-long argument, or too many arguments. */
    BAD_COMMAND,
    /** Environment variable with a bad name or value, or one the runner sets itself
     *  ({@code SUNSYNC_*}, {@code CUDA_VISIBLE_DEVICES}). */
    BAD_ENV,
    /**
     * A bad {@code check} section: neither or both of verifier and sample, sampling without
     * items, a fraction outside (0, 1], a bad verifier command or timeout; or a check this
     * satellite cannot make (sampling needs two boards besides the job's own).
     */
    BAD_CHECK,
    /** The kind and its section disagree (a synthetic job with a {@code process} section). */
    KIND_MISMATCH,
    /** Synthetic jobs need boards that measure delivered work (the sim); these boards do not. */
    SYNTHETIC_UNSUPPORTED,
    /** A job with this id is known already (queued, running, or finished and remembered). */
    DUPLICATE_ID,
    /** The owner already has as many unfinished jobs as its quota allows. */
    QUOTA_EXCEEDED,
    /** The satellite already holds {@code jobs.maxUnfinishedJobs} unfinished jobs, all owners together. */
    QUEUE_FULL,
    /** The results store is full of results the ground has not acknowledged yet. */
    STORAGE_FULL,
    /** The job runner has not finished starting (journal replay). */
    NOT_READY,
    /** The submission could not be written to the journal (disk error); nothing was accepted. */
    JOURNAL_ERROR
}
