package io.sunsync.flight.link.outbox;

import io.sunsync.flight.store.log.LogFile;
import java.nio.file.Path;

/**
 * One segment file of a lane: the open log file, how much of it is durable (fsynced), and how many
 * of its messages are still live (not done) and in flight.
 *
 * <p>Threading: guarded by the outbox's lock, except {@link #durable}, which the sender reads, and
 * {@code log.force}, which the flush thread calls.
 */
final class Segment {
    final long id;
    final Priority lane;
    final Path path;
    final LogFile log;
    volatile long durable;
    int live;
    int inflight;
    boolean sealed;
    boolean deleted;

    Segment(long id, Priority lane, LogFile log) {
        this.id = id;
        this.lane = lane;
        this.path = log.path();
        this.log = log;
    }

    /** Bytes in the file: the header and every record written or recovered. */
    long size() {
        return log.sizeBytes();
    }
}
