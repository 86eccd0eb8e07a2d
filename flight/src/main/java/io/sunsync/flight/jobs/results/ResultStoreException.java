package io.sunsync.flight.jobs.results;

import java.util.Objects;

/** A result could not be stored; carries the {@link StoreFailure} code. */
public final class ResultStoreException extends Exception {
    private final StoreFailure failure;

    public ResultStoreException(StoreFailure failure, String message, Throwable cause) {
        super(message, cause);
        this.failure = Objects.requireNonNull(failure, "failure");
    }

    /** The code. */
    public StoreFailure failure() {
        return failure;
    }
}
