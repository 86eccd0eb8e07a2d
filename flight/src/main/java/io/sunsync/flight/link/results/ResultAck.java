package io.sunsync.flight.link.results;

/** What became of a ground acknowledgement of a result ({@link ResultsDownlink#acknowledge}). */
public enum ResultAck {
    /** Done: the result is released and no longer offered. */
    ACKNOWLEDGED,
    /** No finished result with that job id awaits downlink (never existed, or already acknowledged). */
    UNKNOWN_RESULT
}
