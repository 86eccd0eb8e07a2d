package io.sunsync.ground.store;

/** What went wrong with a store, and whether trying again can help. */
public enum StoreError {
    /** The URL is not a store URL (a usage mistake; never retried). */
    BAD_URL(false),
    /** The database server cannot be reached (address, port, server down). Retried by ingest. */
    UNREACHABLE(true),
    /** The server refused the user or password. */
    AUTHENTICATION(false),
    /** The database named in the URL does not exist. */
    NO_DATABASE(false),
    /** The schema cannot be brought to this build's version (migration failed, or a newer build wrote it). */
    SCHEMA(false),
    /** A transient failure: connection lost, server shutting down or restarting, deadlock, out of resources. */
    UNAVAILABLE(true),
    /** The database refused some of the data itself (e.g. a value it cannot store); the rest may go in alone. */
    REJECTED(false),
    /** Any other failure. */
    FAILED(false);

    private final boolean retryable;

    StoreError(boolean retryable) {
        this.retryable = retryable;
    }

    /** True if the same operation may succeed later without a change (an outage). */
    public boolean retryable() {
        return retryable;
    }
}
