package io.sunsync.flight.jobs.results;

/** Why a finished job's result could not be stored. */
public enum StoreFailure {
    /** The job wrote no file. */
    EMPTY,
    /** The result holds a symbolic link, device, socket or other non-regular file. */
    NOT_REGULAR_FILE,
    /** The result is larger than the per-result limit. */
    TOO_LARGE,
    /** Reading, hashing or moving the files failed. */
    IO_ERROR
}
