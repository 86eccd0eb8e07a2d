package io.sunsync.flight.link.outbox;

import java.nio.channels.FileChannel;
import java.nio.file.Path;

/**
 * One segment file of a lane: its size, how much of it is durable (fsynced), and how many of its
 * messages are still live (not done) and in flight.
 *
 * <p>Threading: guarded by the outbox's lock, except {@link #durable}, which the sender reads.
 */
final class Segment {
    final long id;
    final Priority lane;
    final Path path;
    final FileChannel channel;
    long size;
    volatile long durable;
    int live;
    int inflight;
    boolean sealed;
    boolean deleted;

    Segment(long id, Priority lane, Path path, FileChannel channel) {
        this.id = id;
        this.lane = lane;
        this.path = path;
        this.channel = channel;
    }
}
