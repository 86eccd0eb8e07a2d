package io.sunsync.flight.link.outbox;

import java.util.Map;

/**
 * Outbox counters. {@code sent} and the drop counters are cumulative across restarts.
 *
 * @param queued       messages waiting (not yet acknowledged by the broker)
 * @param queuedBytes  their stored size, in bytes
 * @param diskBytes    size of the segment files, in bytes
 * @param maxBytes     the storage bound, in bytes
 * @param sent         messages acknowledged by the broker
 * @param dropped      messages given up on (all reasons)
 * @param streams      per stream
 */
public record OutboxStats(long queued, long queuedBytes, long diskBytes, long maxBytes, long sent, long dropped,
                          Map<String, StreamStats> streams) {
    public OutboxStats {
        streams = Map.copyOf(streams);
    }

    /**
     * One stream's counters.
     *
     * @param stream       stream name
     * @param priority     priority new messages get
     * @param nextSeq      the sequence number the next message will get
     * @param queued       messages waiting
     * @param sent         messages acknowledged by the broker
     * @param dropped      messages given up on, all reasons
     * @param droppedBytes their stored size, in bytes
     * @param expired      of {@code dropped}, those whose message expiry passed
     */
    public record StreamStats(String stream, Priority priority, long nextSeq, long queued, long sent, long dropped,
                              long droppedBytes, long expired) {
    }
}
