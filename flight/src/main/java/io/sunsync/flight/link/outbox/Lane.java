package io.sunsync.flight.link.outbox;

import java.util.ArrayDeque;

/**
 * The queue of one priority: its segment files (oldest first, the last one active), the messages
 * waiting to be sent (FIFO) and those in flight (in the order they were handed out).
 *
 * <p>Threading: not thread-safe; guarded by the outbox's lock.
 */
final class Lane {
    final Priority priority;
    final ArrayDeque<Segment> segments = new ArrayDeque<>();
    final ArrayDeque<QueuedMessage> pending = new ArrayDeque<>();
    final ArrayDeque<QueuedMessage> inflight = new ArrayDeque<>();
    Segment active;

    Lane(Priority priority) {
        this.priority = priority;
    }

    /** The first message of this lane not yet done, in file order. */
    QueuedMessage firstLive() {
        for (QueuedMessage e : inflight) {
            if (!e.done) {
                return e;
            }
        }
        return pending.peekFirst();
    }

    /** Messages waiting or in flight. */
    long queued() {
        long n = pending.size();
        for (QueuedMessage e : inflight) {
            n += e.done ? 0 : 1;
        }
        return n;
    }

    /** Stored bytes of the messages waiting or in flight. */
    long queuedBytes() {
        long n = 0;
        for (QueuedMessage e : pending) {
            n += e.length;
        }
        for (QueuedMessage e : inflight) {
            n += e.done ? 0 : e.length;
        }
        return n;
    }
}
