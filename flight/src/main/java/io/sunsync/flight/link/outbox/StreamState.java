package io.sunsync.flight.link.outbox;

/**
 * One stream's numbering and counters: the next sequence number (never reused), what is queued,
 * sent, dropped and expired.
 *
 * <p>Threading: not thread-safe; guarded by the outbox's lock.
 */
final class StreamState {
    final String name;
    Priority priority;
    long nextSeq;
    long queued;
    long sent;
    long dropped;
    long droppedBytes;
    long expired;

    StreamState(String name) {
        this.name = name;
    }
}
