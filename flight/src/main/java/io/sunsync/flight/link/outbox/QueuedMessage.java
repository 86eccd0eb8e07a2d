package io.sunsync.flight.link.outbox;

/**
 * Where one stored message is (segment, offset, frame length), whose it is (stream, sequence
 * number), and whether it is in flight or done.
 *
 * <p>Threading: guarded by the outbox's lock.
 */
final class QueuedMessage {
    final Segment seg;
    final long offset;
    final int length;
    final StreamState stream;
    final long seq;
    boolean done;
    boolean inflight;

    QueuedMessage(Segment seg, long offset, int length, StreamState stream, long seq) {
        this.seg = seg;
        this.offset = offset;
        this.length = length;
        this.stream = stream;
        this.seq = seq;
    }
}
