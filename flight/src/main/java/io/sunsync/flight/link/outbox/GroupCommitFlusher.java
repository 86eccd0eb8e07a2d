package io.sunsync.flight.link.outbox;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The outbox's flush thread ({@code outbox-flush}): group commit. It waits (on the outbox's lock)
 * until written segments are due for an fsync (an urgent message, or the group-commit window
 * passed) or the state file is due for a save, fsyncs outside the lock, then marks the segments
 * durable up to what was synced, saves the state, deletes the files that waited for it, and tells
 * the listener that more is sendable.
 *
 * <p>Threading: one daemon thread; everything it touches but the fsync is under the outbox's lock.
 */
final class GroupCommitFlusher {
    private static final Logger LOG = LoggerFactory.getLogger(GroupCommitFlusher.class);

    /** What the flusher needs of the outbox. */
    interface Host {
        /** Whether the outbox is closed (under the lock). */
        boolean closed();

        /** Saves the state file (under the lock); returns whether it was written. */
        boolean saveState(boolean durable);

        /** Segments became durable: more may be sent (called without the lock). */
        void sendable();
    }

    private final ReentrantLock lock;
    private final Condition wake;
    private final SegmentStore store;
    private final StateFile state;
    private final OutboxConfig config;
    private final Host host;
    private final Thread thread;

    GroupCommitFlusher(ReentrantLock lock, Condition wake, SegmentStore store, StateFile state, OutboxConfig config,
                       Host host) {
        this.lock = lock;
        this.wake = wake;
        this.store = store;
        this.state = state;
        this.config = config;
        this.host = host;
        this.thread = new Thread(this::loop, "outbox-flush");
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** Waits up to {@code millis} for the thread to end (after the outbox was closed and woken). */
    void join(long millis) throws InterruptedException {
        thread.join(millis);
    }

    private void loop() {
        while (true) {
            SegmentStore.SyncBatch batch;
            boolean saveState;
            lock.lock();
            try {
                while (!host.closed() && !store.syncDue() && !state.saveDue(store.unlinkPending())) {
                    long waitNs = Math.min(TimeUnit.MILLISECONDS.toNanos(config.groupCommitMs()), StateFile.SAVE_INTERVAL_NS);
                    wake.awaitNanos(waitNs);
                }
                if (host.closed()) {
                    return;
                }
                batch = store.syncDue() ? store.takeUnsynced() : SegmentStore.nothing();
                saveState = state.saveDue(store.unlinkPending());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                lock.unlock();
            }
            try {
                store.force(batch.segments(), batch.syncDir());
            } catch (IOException e) {
                LOG.warn("outbox: fsync failed: {}", e.getMessage());
            }
            boolean any;
            lock.lock();
            try {
                any = store.synced(batch);
                if (saveState) {
                    boolean unlink = store.unlinkPending();
                    if (host.saveState(unlink) && unlink) {
                        store.unlinkSaved();
                    }
                }
            } finally {
                lock.unlock();
            }
            if (any) {
                host.sendable();
            }
        }
    }
}
