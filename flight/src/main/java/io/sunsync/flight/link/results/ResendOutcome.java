package io.sunsync.flight.link.results;

/** What became of a ground request to send chunks again ({@link ResultsDownlink#resend}). */
public enum ResendOutcome {
    /** The chunks are queued to go before any new data. */
    QUEUED,
    /** No finished result with that job id awaits downlink. */
    UNKNOWN_RESULT,
    /** The result has no file of that name. */
    UNKNOWN_FILE,
    /** A chunk index is negative or not below the file's chunk count. */
    BAD_CHUNK_INDEX,
    /** The transfer failed on board (file corrupt or unreadable); nothing can be resent. */
    TRANSFER_FAILED
}
