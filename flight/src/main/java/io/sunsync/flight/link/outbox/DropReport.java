package io.sunsync.flight.link.outbox;

import java.util.Map;

/**
 * Messages the outbox gave up on in one go, per stream.
 *
 * @param reason   why
 * @param byStream losses by stream name (in stream name order)
 */
public record DropReport(DropReason reason, Map<String, Loss> byStream) {
    public DropReport {
        byStream = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(byStream));
    }

    /**
     * What one stream lost.
     *
     * @param count     messages
     * @param bytes     stored bytes
     * @param firstSeq  lowest sequence number lost
     * @param lastSeq   highest sequence number lost
     */
    public record Loss(long count, long bytes, long firstSeq, long lastSeq) {
    }

    /** Messages lost in all streams. */
    public long count() {
        return byStream.values().stream().mapToLong(Loss::count).sum();
    }
}
