package io.sunsync.flight.link.outbox;

import io.sunsync.hal.time.TimeSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The on-disk store-and-forward queue of everything flight sends. A message is appended to a
 * segment file of its priority before {@link #append} returns, becomes sendable once durable
 * under the {@link FsyncPolicy}, is handed to the sender by {@link #next()} (highest priority
 * first, FIFO within a priority), and is forgotten only when the sender reports the broker's
 * acknowledgement ({@link #delivered}). Segment files whose messages are all done are deleted.
 * Every message gets a per-stream sequence number that is never reused, so the ground can detect
 * gaps and drop QoS 1 duplicates. Storage is bounded ({@link OutboxConfig#maxBytes()},
 * {@link OutboxConfig#maxMessages()}): when full, whole segments of the lowest priority go, oldest
 * first, and each loss is counted per stream and reported to the {@link OutboxListener}.
 *
 * <p>Opening an outbox recovers what a crash left: undelivered messages are queued again
 * (at-least-once), a torn last record is cut off and reported, damaged stretches are skipped and
 * reported ({@link #recovery()}). Format and policies: {@code docs/link.md}.
 *
 * <p>The outbox is the facade and owns the lock; its parts: {@link SegmentStore} (segment files,
 * lanes, what is live and what is unsynced), {@link StorageBudget} (eviction),
 * {@link GroupCommitFlusher} (the fsync thread), {@link StateFile} (the state file, a Jackson
 * record), {@link OutboxRecovery} (opening) and {@link DropLedger} (drops while the disk is full).
 * The delivery cursor (what is pending, in flight, done; the epoch that voids acknowledgements
 * from before a {@link #rewind()}) is here.
 *
 * <p>Threading: {@link #append} may be called from any thread and never waits on the network;
 * {@link #next()}, {@link #delivered}, {@link #refused} and {@link #rewind()} are meant for one
 * sender thread. One internal lock guards the state; fsync runs on the outbox's own flush thread
 * without the lock held.
 */
public final class Outbox implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Outbox.class);

    private final OutboxConfig config;
    private final TimeSource time;
    private final StreamRouting routing;
    private final Path dir;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wake = lock.newCondition();
    private final Map<String, StreamState> streams = new TreeMap<>();
    /** Drops made while the disk is full, recorded in space allocated beforehand. */
    private final DropLedger ledger;
    private final StateFile state;
    private final SegmentStore store;
    private final StorageBudget budget;
    private final RecoveryReport recovery;
    private final GroupCommitFlusher flusher;
    private long epoch;
    private boolean closed;
    private volatile OutboxListener listener = OutboxListener.NONE;
    /** Messages that could not be written (I/O error, disk full) since the last report, per stream. */
    private final Map<String, long[]> ioLoss = new LinkedHashMap<>();

    private Outbox(OutboxConfig config, TimeSource time, StreamRouting routing) throws IOException {
        this.config = config;
        this.time = time;
        this.routing = routing;
        this.dir = config.dir();
        Files.createDirectories(dir);
        this.ledger = new DropLedger(dir);
        this.state = new StateFile(dir, ledger);
        this.store = new SegmentStore(config, state);
        this.budget = new StorageBudget(config, store, () -> saveState(true));
        this.recovery = new OutboxRecovery(dir, store, state, ledger, routing, streams, this::stream,
                () -> saveState(true)).recover();
        this.flusher = new GroupCommitFlusher(lock, wake, store, state, config, new GroupCommitFlusher.Host() {
            @Override
            public boolean closed() {
                return closed;
            }

            @Override
            public boolean saveState(boolean durable) {
                return Outbox.this.saveState(durable);
            }

            @Override
            public void sendable() {
                listener.onSendable();
            }
        });
        flusher.start();
    }

    /**
     * Opens (creating if needed) the outbox in {@code config.dir()} and recovers what is there.
     *
     * @param time    mission time for the {@code enqueuedAt} of each message
     * @param routing stream and priority of each topic
     * @throws UncheckedIOException if the folder cannot be created or read
     */
    public static Outbox open(OutboxConfig config, TimeSource time, StreamRouting routing) {
        try {
            return new Outbox(config, time, routing);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the outbox in " + config.dir(), e);
        }
    }

    /** Where drops and durable data are reported. */
    public void setListener(OutboxListener listener) {
        this.listener = listener == null ? OutboxListener.NONE : listener;
    }

    /** What opening found on disk. */
    public RecoveryReport recovery() {
        return recovery;
    }

    /** The stream routing (to change priorities by command). */
    public StreamRouting routing() {
        return routing;
    }

    /** The config in use. */
    public OutboxConfig config() {
        return config;
    }

    // ---------------------------------------------------------------- appending

    /**
     * Stores a message. Returns once it is written to its segment file (not necessarily fsynced);
     * never blocks on the network and never throws for a full disk or a bad size: a message that
     * cannot be stored is counted as dropped and reported.
     */
    public AppendResult append(String topic, int qos, boolean retained, byte[] payload, MessageProperties properties) {
        StreamRouting.Route route = routing.route(topic);
        Instant now = time.now();
        MessageProperties p = properties == null ? MessageProperties.NONE : properties;
        List<DropReport> reports = new ArrayList<>(1);
        AppendResult result;
        boolean sendable = false;
        lock.lock();
        try {
            StreamState s = stream(route.stream());
            s.priority = route.priority();
            long seq = s.nextSeq++;
            state.markDirty();
            if (closed) {
                reports.add(single(DropReason.CLOSED, s, seq, payload.length));
                return new AppendResult(s.name, seq, route.priority(), DropReason.CLOSED);
            }
            OutboxRecord record = new OutboxRecord(s.name, seq, route.priority(), now, topic, qos, retained,
                    p.correlationData(), p.messageExpiryS(), p.responseTopic(), p.contentType(), p.userProperties(),
                    payload);
            byte[] body = encodeOrNull(record);
            int frameBytes = body == null ? 0 : RecordCodec.FORMAT.frameBytes(body.length);
            if (body == null || frameBytes > config.segmentBytes() - RecordCodec.SEGMENT_HEADER_BYTES) {
                long size = body == null ? payload.length : frameBytes;
                reports.add(single(DropReason.OVERSIZE, s, seq, size));
                return new AppendResult(s.name, seq, route.priority(), DropReason.OVERSIZE);
            }
            Lane lane = store.lane(route.priority());
            if (!budget.makeRoom(lane, frameBytes, reports)) {
                reports.add(single(DropReason.STORAGE_FULL, s, seq, frameBytes));
                return new AppendResult(s.name, seq, route.priority(), DropReason.STORAGE_FULL);
            }
            try {
                Segment before = lane.active;
                store.append(lane, body, s, seq);
                s.queued++;
                if (before != null && before != lane.active && before.live == 0 && !before.deleted) {
                    // Done while it was still being written (finish() keeps the active segment): the lane
                    // has moved on, so nothing will finish in it again.
                    store.delete(before, saveState(true));
                }
            } catch (IOException io) {
                ioLost(s, seq, frameBytes, io);
                return new AppendResult(s.name, seq, route.priority(), DropReason.IO_ERROR);
            }
            if (!ioLoss.isEmpty()) {
                Map<String, DropReport.Loss> byStream = new LinkedHashMap<>();
                ioLoss.forEach((k, l) -> byStream.put(k, new DropReport.Loss(l[0], l[1], l[2], l[3])));
                ioLoss.clear();
                DropReport r = new DropReport(DropReason.IO_ERROR, byStream);
                LOG.warn("outbox: writing again after dropping {} messages", r.count());
                reports.add(r);
            }
            if (config.fsync() == FsyncPolicy.NONE) {
                sendable = true;
            } else {
                if (config.fsync() == FsyncPolicy.ALWAYS || route.priority() == Priority.HIGH) {
                    store.urgent();
                }
                wake.signalAll();
            }
            result = new AppendResult(s.name, seq, route.priority(), null);
        } finally {
            lock.unlock();
            for (DropReport r : reports) {
                listener.onDrop(r);
            }
        }
        if (sendable) {
            listener.onSendable();
        }
        return result;
    }

    /** The record's body, or null when it cannot be stored (too big for the segment format). */
    private static byte[] encodeOrNull(OutboxRecord record) {
        try {
            return RecordCodec.encodeBody(record);
        } catch (IllegalArgumentException tooBig) {
            return null;
        }
    }

    /**
     * A message could not be written (disk full or failing): counted now, reported in one go per
     * stream once a write succeeds again (a report written now would be lost the same way), and
     * recorded in the drop ledger's preallocated space.
     */
    private void ioLost(StreamState s, long seq, int frameBytes, IOException io) {
        if (ioLoss.isEmpty()) {
            LOG.warn("outbox: cannot write to {}: {}; dropping messages until it can (reported then)", dir,
                    io.getMessage());
        }
        s.dropped++;
        s.droppedBytes += frameBytes;
        long[] l = ioLoss.computeIfAbsent(s.name, k -> new long[] {0, 0, seq, seq});
        l[0]++;
        l[1] += frameBytes;
        l[3] = seq;
        Map<String, DropLedger.Totals> totals = new LinkedHashMap<>();
        streams.forEach((k, st) -> totals.put(k, new DropLedger.Totals(st.dropped, st.nextSeq)));
        ledger.record(totals);
    }

    private static DropReport single(DropReason reason, StreamState s, long seq, long bytes) {
        s.dropped++;
        s.droppedBytes += bytes;
        return new DropReport(reason, Map.of(s.name, new DropReport.Loss(1, bytes, seq, seq)));
    }

    // ---------------------------------------------------------------- sending

    /**
     * The next message to send: the oldest durable one of the highest priority that has any,
     * now counted as in flight. Null when there is none. Messages whose MQTT 5 expiry passed while
     * they waited are dropped here (reported as {@link DropReason#EXPIRED}).
     */
    public Delivery next() {
        while (true) {
            QueuedMessage e;
            long ep;
            lock.lock();
            try {
                e = null;
                for (Lane lane : store.lanes()) {
                    QueuedMessage head = lane.pending.peekFirst();
                    if (head != null && head.offset + head.length <= head.seg.durable) {
                        lane.pending.pollFirst();
                        head.inflight = true;
                        head.seg.inflight++;
                        lane.inflight.addLast(head);
                        e = head;
                        break;
                    }
                }
                ep = epoch;
            } finally {
                lock.unlock();
            }
            if (e == null) {
                return null;
            }
            OutboxRecord record = store.read(e);
            Delivery d = new Delivery(e, ep, record);
            if (record == null) {
                finish(d, DropReason.UNREADABLE);
                continue;
            }
            Long expiryS = record.messageExpiryS();
            if (expiryS != null) {
                long ageS = Duration.between(record.enqueuedAt(), time.now()).toSeconds();
                if (ageS >= expiryS) {
                    finish(d, DropReason.EXPIRED);
                    continue;
                }
                d.remainingExpiryS = expiryS - Math.max(0, ageS);
            }
            return d;
        }
    }

    /**
     * {@code d} was not sent after all (the client refused it before it went out): it goes back to
     * the head of its queue, to be the next one taken. Only for the delivery taken last.
     */
    public void release(Delivery d) {
        QueuedMessage e = d.entry;
        lock.lock();
        try {
            if (d.epoch != epoch || e.done || !e.inflight) {
                return;
            }
            Lane lane = store.lane(e.seg.lane);
            lane.inflight.removeLastOccurrence(e);
            e.inflight = false;
            e.seg.inflight--;
            lane.pending.addFirst(e);
        } finally {
            lock.unlock();
        }
    }

    /** The broker acknowledged {@code d}: it is done and its storage can be reclaimed. */
    public void delivered(Delivery d) {
        finish(d, null);
    }

    /**
     * The broker refused {@code d} (an error reason code): it is done, counted as dropped with
     * {@code reason} and reported.
     */
    public void refused(Delivery d, DropReason reason) {
        finish(d, reason);
    }

    private void finish(Delivery d, DropReason reason) {
        QueuedMessage e = d.entry;
        DropReport report = null;
        lock.lock();
        try {
            if (d.epoch != epoch || e.done || !e.inflight) {
                return; // from before a rewind: the message is queued again and will be resent
            }
            e.done = true;
            e.inflight = false;
            StreamState s = e.stream;
            s.queued--;
            store.forget(e);
            if (reason == null) {
                s.sent++;
            } else {
                s.dropped++;
                s.droppedBytes += e.length;
                if (reason == DropReason.EXPIRED) {
                    s.expired++;
                }
                report = new DropReport(reason, Map.of(s.name, new DropReport.Loss(1, e.length, e.seq, e.seq)));
            }
            state.markDirty();
            Segment seg = e.seg;
            seg.inflight--;
            seg.live--;
            Lane lane = store.lane(seg.lane);
            while (!lane.inflight.isEmpty() && lane.inflight.peekFirst().done) {
                lane.inflight.pollFirst();
            }
            if (seg.live == 0 && seg != lane.active && !seg.deleted) {
                store.delete(seg, saveState(true));
            }
        } finally {
            lock.unlock();
        }
        if (report != null) {
            listener.onDrop(report);
        }
    }

    /**
     * The connection was lost: every message in flight goes back to the head of its queue, in its
     * original order, to be sent again after reconnecting. Acknowledgements for deliveries handed
     * out before this call are ignored from now on.
     */
    public void rewind() {
        lock.lock();
        try {
            epoch++;
            for (Lane lane : store.lanes()) {
                for (Iterator<QueuedMessage> it = lane.inflight.descendingIterator(); it.hasNext(); ) {
                    QueuedMessage e = it.next();
                    if (!e.done) {
                        e.inflight = false;
                        e.seg.inflight--;
                        lane.pending.addFirst(e);
                    }
                }
                lane.inflight.clear();
            }
        } finally {
            lock.unlock();
        }
    }

    /** True when no message waits or is in flight. */
    public boolean isEmpty() {
        lock.lock();
        try {
            return store.liveMessages == 0;
        } finally {
            lock.unlock();
        }
    }

    /** Messages waiting or in flight at {@code priority}. */
    public long queued(Priority priority) {
        lock.lock();
        try {
            return store.lane(priority).queued();
        } finally {
            lock.unlock();
        }
    }

    /** Stored bytes of the messages waiting or in flight at {@code priority}. */
    public long queuedBytes(Priority priority) {
        lock.lock();
        try {
            return store.lane(priority).queuedBytes();
        } finally {
            lock.unlock();
        }
    }

    /** Counters, per stream. */
    public OutboxStats stats() {
        lock.lock();
        try {
            Map<String, OutboxStats.StreamStats> m = new LinkedHashMap<>();
            long sent = 0;
            long dropped = 0;
            for (StreamState s : streams.values()) {
                m.put(s.name, new OutboxStats.StreamStats(s.name, s.priority, s.nextSeq, s.queued, s.sent, s.dropped,
                        s.droppedBytes, s.expired));
                sent += s.sent;
                dropped += s.dropped;
            }
            return new OutboxStats(store.liveMessages, store.liveBytes, store.diskBytes, config.maxBytes(), sent, dropped, m);
        } finally {
            lock.unlock();
        }
    }

    /** Saves the state file (under the lock); see {@link StateFile}. */
    private boolean saveState(boolean durable) {
        return state.save(StateFile.snapshot(store, streams), durable);
    }

    private StreamState stream(String name) {
        return streams.computeIfAbsent(name, StreamState::new);
    }

    // ---------------------------------------------------------------- closing

    /**
     * Forces everything to disk, saves the state and closes the files. Messages not yet delivered
     * stay on disk for the next {@link #open}.
     */
    @Override
    public void close() {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            wake.signalAll();
        } finally {
            lock.unlock();
        }
        try {
            flusher.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        lock.lock();
        try {
            if (config.fsync() != FsyncPolicy.NONE) {
                try {
                    store.forceAll();
                } catch (IOException e) {
                    LOG.warn("outbox: final fsync failed: {}", e.getMessage());
                }
            }
            store.dropUnsynced();
            // In-flight messages count as not done: they are sent again next time.
            saveState(config.fsync() != FsyncPolicy.NONE);
            store.closeAll();
            ledger.close();
        } finally {
            lock.unlock();
        }
    }

    /** A message handed to the sender; report its fate with {@link #delivered} or {@link #refused}. */
    public static final class Delivery {
        private final QueuedMessage entry;
        private final long epoch;
        private final OutboxRecord record;
        private Long remainingExpiryS;

        private Delivery(QueuedMessage entry, long epoch, OutboxRecord record) {
            this.entry = entry;
            this.epoch = epoch;
            this.record = record;
        }

        /** The stored message. */
        public OutboxRecord record() {
            return record;
        }

        /** The message expiry interval left, in s, or null when the message has none. */
        public Long remainingExpiryS() {
            return remainingExpiryS;
        }

        /** The user properties to send: the message's own, then {@code stream} and {@code seq}. */
        public List<Map.Entry<String, String>> userProperties() {
            List<Map.Entry<String, String>> l = new ArrayList<>(record.userProperties());
            l.add(new AbstractMap.SimpleImmutableEntry<>("stream", record.stream()));
            l.add(new AbstractMap.SimpleImmutableEntry<>("seq", Long.toString(record.seq())));
            return l;
        }
    }
}
