package io.sunsync.flight.link.outbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sunsync.hal.time.TimeSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.AbstractMap;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
 * <p>Threading: {@link #append} may be called from any thread and never waits on the network;
 * {@link #next()}, {@link #delivered}, {@link #refused} and {@link #rewind()} are meant for one
 * sender thread. One internal lock guards the state; fsync runs on the outbox's own flush thread
 * without the lock held.
 */
public final class Outbox implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Outbox.class);
    private static final Pattern SEGMENT_NAME = Pattern.compile("(high|normal|low)-([0-9a-f]{16})\\.seg");
    private static final String STATE_FILE = "outbox-state.json";
    private static final long STATE_SAVE_INTERVAL_NS = TimeUnit.MILLISECONDS.toNanos(200);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final OutboxConfig config;
    private final TimeSource time;
    private final StreamRouting routing;
    private final Path dir;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wake = lock.newCondition();
    private final Lane[] lanes = new Lane[Priority.values().length];
    private final Map<String, StreamState> streams = new TreeMap<>();
    private final Set<Segment> unsynced = new LinkedHashSet<>();
    private final RecoveryReport recovery;
    private long nextSegmentId;
    private long diskBytes;
    private long liveMessages;
    private long liveBytes;
    private long epoch;
    private boolean syncUrgent;
    private boolean dirDirty;
    private long firstUnsyncedNs;
    private boolean stateDirty;
    private long lastStateSaveNs = System.nanoTime();
    private boolean closed;
    private volatile OutboxListener listener = OutboxListener.NONE;
    /** Segments done with whose files stay until the state that covers them is durable. */
    private final List<Path> unlinkAfterSave = new ArrayList<>();
    private boolean stateSaveFailing;
    /** Messages that could not be written (I/O error, disk full) since the last report, per stream. */
    private final Map<String, long[]> ioLoss = new LinkedHashMap<>();
    /** Drops made while the disk is full, recorded in space allocated beforehand. */
    private final DropLedger ledger;
    private final Thread flusher;

    private Outbox(OutboxConfig config, TimeSource time, StreamRouting routing) throws IOException {
        this.config = config;
        this.time = time;
        this.routing = routing;
        this.dir = config.dir();
        for (Priority p : Priority.values()) {
            lanes[p.ordinal()] = new Lane(p);
        }
        Files.createDirectories(dir);
        this.ledger = new DropLedger(dir);
        this.recovery = recover();
        this.flusher = new Thread(this::flushLoop, "outbox-flush");
        flusher.setDaemon(true);
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
            stateDirty = true;
            if (closed) {
                reports.add(single(DropReason.CLOSED, s, seq, payload.length));
                return new AppendResult(s.name, seq, route.priority(), DropReason.CLOSED);
            }
            OutboxRecord record = new OutboxRecord(s.name, seq, route.priority(), now, topic, qos, retained,
                    p.correlationData(), p.messageExpiryS(), p.responseTopic(), p.contentType(), p.userProperties(),
                    payload);
            byte[] frame;
            try {
                frame = RecordCodec.encode(record);
            } catch (IllegalArgumentException tooBig) {
                frame = null;
            }
            if (frame == null || frame.length > config.segmentBytes() - RecordCodec.SEGMENT_HEADER_BYTES) {
                long size = frame == null ? payload.length : frame.length;
                reports.add(single(DropReason.OVERSIZE, s, seq, size));
                return new AppendResult(s.name, seq, route.priority(), DropReason.OVERSIZE);
            }
            Lane lane = lanes[route.priority().ordinal()];
            if (!makeRoom(lane, frame.length, reports)) {
                reports.add(single(DropReason.STORAGE_FULL, s, seq, frame.length));
                return new AppendResult(s.name, seq, route.priority(), DropReason.STORAGE_FULL);
            }
            try {
                Entry e = write(lane, frame, s, seq);
                lane.pending.addLast(e);
                s.queued++;
                liveMessages++;
                liveBytes += frame.length;
            } catch (IOException io) {
                // Disk full or failing: counted now, reported in one go per stream once a write
                // succeeds again (a report written now would be lost the same way).
                if (ioLoss.isEmpty()) {
                    LOG.warn("outbox: cannot write to {}: {}; dropping messages until it can (reported then)", dir,
                            io.getMessage());
                }
                s.dropped++;
                s.droppedBytes += frame.length;
                long[] l = ioLoss.computeIfAbsent(s.name, k -> new long[] {0, 0, seq, seq});
                l[0]++;
                l[1] += frame.length;
                l[3] = seq;
                ledger.record(ledgerTotals());
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
                    syncUrgent = true;
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

    private Map<String, DropLedger.Totals> ledgerTotals() {
        Map<String, DropLedger.Totals> out = new LinkedHashMap<>();
        streams.forEach((k, st) -> out.put(k, new DropLedger.Totals(st.dropped, st.nextSeq)));
        return out;
    }

    private static DropReport single(DropReason reason, StreamState s, long seq, long bytes) {
        s.dropped++;
        s.droppedBytes += bytes;
        return new DropReport(reason, Map.of(s.name, new DropReport.Loss(1, bytes, seq, seq)));
    }

    /** Evicts whole segments, lowest priority and oldest first, until {@code frameBytes} more fit. */
    private boolean makeRoom(Lane target, int frameBytes, List<DropReport> reports) throws IllegalStateException {
        while (true) {
            long needed = frameBytes + (needsNewSegment(target, frameBytes) ? RecordCodec.SEGMENT_HEADER_BYTES : 0);
            if (diskBytes + needed <= config.maxBytes() && liveMessages + 1 <= config.maxMessages()) {
                return true;
            }
            Segment victim = victim(target.priority);
            if (victim == null) {
                return false;
            }
            DropReport report = evict(victim);
            if (report != null) {
                reports.add(report);
            }
        }
    }

    private boolean needsNewSegment(Lane lane, int frameBytes) {
        return lane.active == null || lane.active.size + frameBytes > config.segmentBytes();
    }

    private Segment victim(Priority incoming) {
        // First a segment whose messages are all done (an active one): reclaiming it loses nothing.
        for (Lane lane : lanes) {
            for (Segment seg : lane.segments) {
                if (seg.live == 0 && seg.inflight == 0 && seg.size > RecordCodec.SEGMENT_HEADER_BYTES) {
                    return seg;
                }
            }
        }
        for (int p = Priority.values().length - 1; p >= incoming.ordinal(); p--) {
            for (Segment seg : lanes[p].segments) {
                if (seg.inflight == 0 && seg.live > 0) {
                    return seg;
                }
            }
        }
        return null;
    }

    private DropReport evict(Segment seg) {
        Lane lane = lanes[seg.lane.ordinal()];
        Map<String, long[]> lost = new LinkedHashMap<>();
        for (Iterator<Entry> it = lane.pending.iterator(); it.hasNext(); ) {
            Entry e = it.next();
            if (e.seg != seg) {
                continue;
            }
            it.remove();
            e.done = true;
            StreamState s = e.stream;
            s.queued--;
            s.dropped++;
            s.droppedBytes += e.length;
            liveMessages--;
            liveBytes -= e.length;
            long[] l = lost.computeIfAbsent(s.name, k -> new long[] {0, 0, Long.MAX_VALUE, Long.MIN_VALUE});
            l[0]++;
            l[1] += e.length;
            l[2] = Math.min(l[2], e.seq);
            l[3] = Math.max(l[3], e.seq);
        }
        seg.live = 0;
        if (!lost.isEmpty()) {
            LOG.warn("outbox: full ({} of {} bytes), dropped segment {} with {} messages", diskBytes, config.maxBytes(),
                    seg.path.getFileName(), lost.values().stream().mapToLong(l -> l[0]).sum());
        }
        // The sequence numbers in it are in the state file before its file goes, so they are never reused.
        deleteSegment(seg, saveState(true));
        if (lost.isEmpty()) {
            return null;
        }
        Map<String, DropReport.Loss> byStream = new LinkedHashMap<>();
        lost.forEach((k, l) -> byStream.put(k, new DropReport.Loss(l[0], l[1], l[2], l[3])));
        return new DropReport(DropReason.STORAGE_FULL, byStream);
    }

    private Entry write(Lane lane, byte[] frame, StreamState s, long seq) throws IOException {
        if (needsNewSegment(lane, frame.length)) {
            if (lane.active != null) {
                lane.active.sealed = true;
            }
            lane.active = createSegment(lane.priority);
        }
        Segment seg = lane.active;
        long offset = seg.size;
        ByteBuffer b = ByteBuffer.wrap(frame);
        try {
            while (b.hasRemaining()) {
                seg.channel.write(b, offset + b.position());
            }
        } catch (IOException e) {
            try {
                seg.channel.truncate(offset);
            } catch (IOException ignored) {
                // the partial record is cut off at the next recovery
            }
            throw e;
        }
        seg.size += frame.length;
        diskBytes += frame.length;
        seg.live++;
        if (config.fsync() == FsyncPolicy.NONE) {
            seg.durable = seg.size;
        } else {
            if (unsynced.isEmpty()) {
                firstUnsyncedNs = System.nanoTime();
            }
            unsynced.add(seg);
        }
        return new Entry(seg, offset, frame.length, s, seq);
    }

    private Segment createSegment(Priority priority) throws IOException {
        long id = nextSegmentId++;
        Path path = dir.resolve(String.format("%s-%016x.seg", priority.fileTag(), id));
        FileChannel ch = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        byte[] header = RecordCodec.segmentHeader();
        try {
            ByteBuffer b = ByteBuffer.wrap(header);
            while (b.hasRemaining()) {
                ch.write(b, b.position());
            }
        } catch (IOException e) {
            // Disk full: leave no headerless file behind (it would read as damage at recovery).
            ch.close();
            Files.deleteIfExists(path);
            throw e;
        }
        Segment seg = new Segment(id, priority, path, ch);
        seg.size = header.length;
        diskBytes += header.length;
        lanes[priority.ordinal()].segments.addLast(seg);
        dirDirty = true;
        stateDirty = true;
        if (config.fsync() == FsyncPolicy.NONE) {
            seg.durable = seg.size;
        }
        return seg;
    }

    // ---------------------------------------------------------------- sending

    /**
     * The next message to send: the oldest durable one of the highest priority that has any,
     * now counted as in flight. Null when there is none. Messages whose MQTT 5 expiry passed while
     * they waited are dropped here (reported as {@link DropReason#EXPIRED}).
     */
    public Delivery next() {
        while (true) {
            Entry e;
            long ep;
            lock.lock();
            try {
                e = null;
                for (Lane lane : lanes) {
                    Entry head = lane.pending.peekFirst();
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
            OutboxRecord record = read(e);
            Delivery d = new Delivery(e, ep, record);
            if (record == null) {
                finish(d, DropReason.UNREADABLE);
                continue;
            }
            Long expiryS = record.messageExpiryS();
            if (expiryS != null) {
                long ageS = java.time.Duration.between(record.enqueuedAt(), time.now()).toSeconds();
                if (ageS >= expiryS) {
                    finish(d, DropReason.EXPIRED);
                    continue;
                }
                d.remainingExpiryS = expiryS - Math.max(0, ageS);
            }
            return d;
        }
    }

    private OutboxRecord read(Entry e) {
        byte[] frame = new byte[e.length];
        ByteBuffer b = ByteBuffer.wrap(frame);
        try {
            while (b.hasRemaining()) {
                if (e.seg.channel.read(b, e.offset + b.position()) < 0) {
                    return null;
                }
            }
        } catch (IOException io) {
            LOG.warn("outbox: cannot read {} at {}: {}", e.seg.path.getFileName(), e.offset, io.getMessage());
            return null;
        }
        RecordCodec.Decoded d = RecordCodec.decode(frame, 0, frame.length);
        if (!d.ok()) {
            LOG.warn("outbox: record in {} at {} unreadable: {}", e.seg.path.getFileName(), e.offset, d.problem());
        }
        return d.record();
    }

    /**
     * {@code d} was not sent after all (the client refused it before it went out): it goes back to
     * the head of its queue, to be the next one taken. Only for the delivery taken last.
     */
    public void release(Delivery d) {
        Entry e = d.entry;
        lock.lock();
        try {
            if (d.epoch != epoch || e.done || !e.inflight) {
                return;
            }
            Lane lane = lanes[e.seg.lane.ordinal()];
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
        Entry e = d.entry;
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
            liveMessages--;
            liveBytes -= e.length;
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
            stateDirty = true;
            Segment seg = e.seg;
            seg.inflight--;
            seg.live--;
            Lane lane = lanes[seg.lane.ordinal()];
            while (!lane.inflight.isEmpty() && lane.inflight.peekFirst().done) {
                lane.inflight.pollFirst();
            }
            if (seg.live == 0 && seg != lane.active && !seg.deleted) {
                deleteSegment(seg, saveState(true));
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
            for (Lane lane : lanes) {
                for (Iterator<Entry> it = lane.inflight.descendingIterator(); it.hasNext(); ) {
                    Entry e = it.next();
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
            return liveMessages == 0;
        } finally {
            lock.unlock();
        }
    }

    /** Messages waiting or in flight at {@code priority}. */
    public long queued(Priority priority) {
        lock.lock();
        try {
            Lane lane = lanes[priority.ordinal()];
            long n = lane.pending.size();
            for (Entry e : lane.inflight) {
                n += e.done ? 0 : 1;
            }
            return n;
        } finally {
            lock.unlock();
        }
    }

    /** Stored bytes of the messages waiting or in flight at {@code priority}. */
    public long queuedBytes(Priority priority) {
        lock.lock();
        try {
            Lane lane = lanes[priority.ordinal()];
            long n = 0;
            for (Entry e : lane.pending) {
                n += e.length;
            }
            for (Entry e : lane.inflight) {
                n += e.done ? 0 : e.length;
            }
            return n;
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
            return new OutboxStats(liveMessages, liveBytes, diskBytes, config.maxBytes(), sent, dropped, m);
        } finally {
            lock.unlock();
        }
    }

    // ---------------------------------------------------------------- durability

    private void flushLoop() {
        while (true) {
            List<Segment> toSync;
            List<Long> sizes;
            boolean syncDir;
            boolean saveState;
            lock.lock();
            try {
                while (!closed && !syncDue() && !stateSaveDue()) {
                    long waitNs = Math.min(TimeUnit.MILLISECONDS.toNanos(config.groupCommitMs()), STATE_SAVE_INTERVAL_NS);
                    wake.awaitNanos(waitNs);
                }
                if (closed) {
                    return;
                }
                toSync = new ArrayList<>();
                sizes = new ArrayList<>();
                if (syncDue()) {
                    for (Segment s : unsynced) {
                        toSync.add(s);
                        sizes.add(s.size);
                    }
                    unsynced.clear();
                    syncUrgent = false;
                }
                syncDir = dirDirty && !toSync.isEmpty();
                if (syncDir) {
                    dirDirty = false;
                }
                saveState = stateSaveDue();
            } catch (InterruptedException e) {
                return;
            } finally {
                lock.unlock();
            }
            try {
                force(toSync, syncDir);
            } catch (IOException e) {
                LOG.warn("outbox: fsync failed: {}", e.getMessage());
            }
            boolean any = false;
            lock.lock();
            try {
                for (int i = 0; i < toSync.size(); i++) {
                    Segment s = toSync.get(i);
                    if (sizes.get(i) > s.durable) {
                        s.durable = sizes.get(i);
                        any = true;
                    }
                }
                if (saveState) {
                    boolean unlink = !unlinkAfterSave.isEmpty();
                    if (saveState(unlink) && unlink) {
                        for (Path p : unlinkAfterSave) {
                            unlink(p);
                        }
                        unlinkAfterSave.clear();
                    }
                }
            } finally {
                lock.unlock();
            }
            if (any) {
                listener.onSendable();
            }
        }
    }

    private boolean syncDue() {
        if (unsynced.isEmpty()) {
            return false;
        }
        return syncUrgent || System.nanoTime() - firstUnsyncedNs >= TimeUnit.MILLISECONDS.toNanos(config.groupCommitMs());
    }

    private boolean stateSaveDue() {
        return (stateDirty || !unlinkAfterSave.isEmpty()) && System.nanoTime() - lastStateSaveNs >= STATE_SAVE_INTERVAL_NS;
    }

    private void force(List<Segment> segments, boolean syncDir) throws IOException {
        if (syncDir) {
            forceDir();
        }
        for (Segment s : segments) {
            try {
                s.channel.force(false);
            } catch (ClosedChannelException deleted) {
                // delivered or evicted meanwhile
            }
        }
    }

    private void forceDir() {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException e) {
            LOG.debug("outbox: cannot fsync folder {}: {}", dir, e.getMessage());
        }
    }

    /**
     * Forgets {@code seg}; its file is deleted now when {@code unlinkNow}, else once the state
     * file has been saved durably (a sequence number must never be found only in a deleted file).
     */
    private void deleteSegment(Segment seg, boolean unlinkNow) {
        seg.deleted = true;
        Lane lane = lanes[seg.lane.ordinal()];
        lane.segments.remove(seg);
        if (lane.active == seg) {
            lane.active = null;
        }
        unsynced.remove(seg);
        diskBytes -= seg.size;
        try {
            seg.channel.close();
        } catch (IOException ignored) {
            // deleting it anyway
        }
        if (unlinkNow) {
            unlink(seg.path);
        } else {
            unlinkAfterSave.add(seg.path);
        }
    }

    private static void unlink(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            LOG.warn("outbox: cannot delete {}: {}", path, e.getMessage());
        }
    }

    // ---------------------------------------------------------------- state file

    /**
     * Writes the state file: per-stream next sequence number and counters, and per lane the first
     * message not yet done. Written to a temporary file and renamed; fsynced when {@code durable}
     * (always before a segment is deleted, so sequence numbers in it are never reused).
     */
    private boolean saveState(boolean durable) {
        ObjectNode root = JSON.createObjectNode();
        root.put("version", 1);
        root.put("nextSegmentId", nextSegmentId);
        ObjectNode cursors = root.putObject("lanes");
        for (Lane lane : lanes) {
            Entry first = lane.firstLive();
            ObjectNode c = cursors.putObject(lane.priority.name());
            if (first != null) {
                c.put("segment", first.seg.id);
                c.put("offset", first.offset);
            } else {
                // everything so far is done
                c.put("segment", nextSegmentId);
                c.put("offset", 0);
            }
        }
        ObjectNode ss = root.putObject("streams");
        for (StreamState s : streams.values()) {
            ObjectNode n = ss.putObject(s.name);
            n.put("nextSeq", s.nextSeq);
            n.put("sent", s.sent);
            n.put("dropped", s.dropped);
            n.put("droppedBytes", s.droppedBytes);
            n.put("expired", s.expired);
        }
        Path tmp = dir.resolve(STATE_FILE + ".tmp");
        try {
            byte[] bytes = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer b = ByteBuffer.wrap(bytes);
                while (b.hasRemaining()) {
                    ch.write(b);
                }
                if (durable) {
                    ch.force(true);
                }
            }
            try {
                Files.move(tmp, dir.resolve(STATE_FILE), StandardCopyOption.ATOMIC_MOVE,
                        StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, dir.resolve(STATE_FILE), StandardCopyOption.REPLACE_EXISTING);
            }
            if (durable) {
                forceDir();
            }
            stateDirty = false;
            lastStateSaveNs = System.nanoTime();
            ledger.allocate();
            if (stateSaveFailing) {
                stateSaveFailing = false;
                LOG.info("outbox: state saved again in {}", dir);
            }
            return true;
        } catch (IOException e) {
            lastStateSaveNs = System.nanoTime(); // try again after the interval, not in a tight loop
            if (!stateSaveFailing) {
                stateSaveFailing = true;
                LOG.warn("outbox: cannot save state in {}: {} (retrying every {} ms)", dir, e.getMessage(),
                        TimeUnit.NANOSECONDS.toMillis(STATE_SAVE_INTERVAL_NS));
            }
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // a partial temporary file is overwritten next time
            }
            return false;
        }
    }

    // ---------------------------------------------------------------- recovery

    private RecoveryReport recover() throws IOException {
        long started = System.nanoTime();
        String stateProblem = null;
        Map<Priority, long[]> cursors = new LinkedHashMap<>();
        // Next sequence numbers as last saved; null when the state file could not be used.
        Map<String, Long> savedNext = new LinkedHashMap<>();
        boolean stateUsable = true;
        Path stateFile = dir.resolve(STATE_FILE);
        try {
            JsonNode root = JSON.readTree(Files.readAllBytes(stateFile));
            if (root == null || root.path("version").asInt() != 1) {
                throw new IOException("unknown state file version");
            }
            nextSegmentId = root.path("nextSegmentId").asLong(0);
            for (Priority p : Priority.values()) {
                JsonNode c = root.path("lanes").path(p.name());
                if (c.isObject()) {
                    cursors.put(p, new long[] {c.path("segment").asLong(), c.path("offset").asLong()});
                }
            }
            root.path("streams").fields().forEachRemaining(f -> {
                StreamState s = stream(f.getKey());
                JsonNode n = f.getValue();
                s.nextSeq = Math.max(s.nextSeq, n.path("nextSeq").asLong(0));
                s.sent = n.path("sent").asLong(0);
                s.dropped = n.path("dropped").asLong(0);
                s.droppedBytes = n.path("droppedBytes").asLong(0);
                s.expired = n.path("expired").asLong(0);
                savedNext.put(f.getKey(), s.nextSeq);
            });
        } catch (NoSuchFileException fresh) {
            // a new outbox, or one that never saved its state: the segments tell us everything
            if (hasSegments()) {
                stateProblem = "state file missing";
            }
            stateUsable = false;
        } catch (IOException | RuntimeException e) {
            stateProblem = "state file unreadable: " + e.getMessage();
            cursors.clear();
            stateUsable = false;
        }
        // Drops recorded while the disk was full and never reported (flight stopped first).
        List<DropReport> unrecorded = new ArrayList<>();
        for (Map.Entry<String, DropLedger.Totals> e : ledger.read().entrySet()) {
            StreamState s = stream(e.getKey());
            DropLedger.Totals t = e.getValue();
            if (stateUsable && t.dropped() > s.dropped) {
                long first = savedNext.getOrDefault(e.getKey(), 0L);
                unrecorded.add(new DropReport(DropReason.IO_ERROR, Map.of(e.getKey(),
                        new DropReport.Loss(t.dropped() - s.dropped, 0, first, Math.max(first, t.nextSeq() - 1)))));
            }
            s.dropped = Math.max(s.dropped, t.dropped());
            s.nextSeq = Math.max(s.nextSeq, t.nextSeq());
            if (stateUsable) {
                savedNext.merge(e.getKey(), t.nextSeq(), Math::max);
            }
        }
        // Sequence numbers at or above the saved next one that are on disk, per stream.
        Map<String, java.util.TreeSet<Long>> afterSave = new TreeMap<>();
        TreeMap<Long, Path> files = new TreeMap<>();
        Map<Long, Priority> fileLane = new LinkedHashMap<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "*.seg")) {
            for (Path p : ds) {
                Matcher m = SEGMENT_NAME.matcher(p.getFileName().toString());
                if (m.matches()) {
                    long id = Long.parseUnsignedLong(m.group(2), 16);
                    files.put(id, p);
                    fileLane.put(id, Priority.valueOf(m.group(1).toUpperCase(java.util.Locale.ROOT)));
                }
            }
        }
        List<Damage> damage = new ArrayList<>();
        long pending = 0;
        long skipped = 0;
        List<Segment> empty = new ArrayList<>();
        for (Map.Entry<Long, Path> f : files.entrySet()) {
            long id = f.getKey();
            Path path = f.getValue();
            Priority lanePriority = fileLane.get(id);
            nextSegmentId = Math.max(nextSegmentId, id + 1);
            byte[] bytes = Files.readAllBytes(path);
            if (bytes.length == 0) {
                Files.delete(path); // created, header never written (crash or full disk): nothing lost
                continue;
            }
            RecordCodec.Scan scan = RecordCodec.scan(path.getFileName().toString(), bytes);
            damage.addAll(scan.damage());
            boolean tornTail = !scan.damage().isEmpty()
                    && scan.damage().get(scan.damage().size() - 1).kind() == Damage.Kind.TORN_TAIL;
            FileChannel ch = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE);
            if (tornTail) {
                ch.truncate(scan.validEnd());
                ch.force(true);
            }
            Segment seg = new Segment(id, lanePriority, path, ch);
            seg.size = tornTail ? scan.validEnd() : bytes.length;
            seg.durable = seg.size;
            seg.sealed = true;
            diskBytes += seg.size;
            long[] cursor = cursors.get(lanePriority);
            Lane lane = lanes[lanePriority.ordinal()];
            lane.segments.addLast(seg);
            for (RecordCodec.Located r : scan.records()) {
                OutboxRecord rec = r.record();
                StreamState s = stream(rec.stream());
                s.nextSeq = Math.max(s.nextSeq, rec.seq() + 1);
                if (stateUsable && rec.seq() >= savedNext.getOrDefault(rec.stream(), 0L)) {
                    afterSave.computeIfAbsent(rec.stream(), k -> new java.util.TreeSet<>()).add(rec.seq());
                }
                if (cursor != null && (id < cursor[0] || (id == cursor[0] && r.offset() < cursor[1]))) {
                    skipped++;
                    continue;
                }
                if (s.priority == null) {
                    s.priority = rec.priority();
                }
                Entry e = new Entry(seg, r.offset(), r.frameBytes(), s, rec.seq());
                lane.pending.addLast(e);
                seg.live++;
                s.queued++;
                liveMessages++;
                liveBytes += r.frameBytes();
                pending++;
            }
            if (seg.live == 0) {
                empty.add(seg);
            }
        }
        for (StreamState s : streams.values()) {
            if (s.priority == null) {
                s.priority = routing.priorityOf(s.name);
            }
        }
        // Numbers handed out after the last save that no segment holds were dropped, and the crash
        // took the record of it: count and report them now, so the ground can account for every gap.
        if (stateUsable) {
            for (Map.Entry<String, java.util.TreeSet<Long>> e : afterSave.entrySet()) {
                StreamState s = stream(e.getKey());
                long expect = savedNext.getOrDefault(e.getKey(), 0L);
                for (long seq : e.getValue()) {
                    if (seq > expect) {
                        long n = seq - expect;
                        s.dropped += n;
                        unrecorded.add(new DropReport(DropReason.UNRECORDED,
                                Map.of(e.getKey(), new DropReport.Loss(n, 0, expect, seq - 1))));
                    }
                    expect = seq + 1;
                }
            }
            if (!unrecorded.isEmpty()) {
                LOG.warn("outbox: {} messages numbered before the crash are in no segment (dropped unrecorded): {}",
                        unrecorded.stream().mapToLong(DropReport::count).sum(), unrecorded);
            }
        }
        // Streams an older build made that this routing folds into another one (one per response
        // topic under tc/ack/) are forgotten once nothing of theirs is queued: otherwise forged
        // response topics would keep growing the state file across restarts.
        int retired = 0;
        for (var it = streams.values().iterator(); it.hasNext(); ) {
            StreamState s = it.next();
            if (s.queued == 0 && !routing.makes(s.name)) {
                it.remove();
                retired++;
            }
        }
        if (retired > 0) {
            LOG.info("outbox: forgot {} streams this build no longer makes (nothing of theirs queued)", retired);
        }
        // Sequence numbers seen in the segments are now in the state before any segment goes.
        boolean saved = saveState(true);
        for (Segment seg : empty) {
            deleteSegment(seg, saved);
        }
        ledger.allocate();
        RecoveryReport report = new RecoveryReport(files.size(), pending, skipped, damage, stateProblem,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), unrecorded);
        if (!report.clean()) {
            LOG.warn("outbox: recovered {} messages from {} segments with damage {} ({})", pending, files.size(),
                    damage, stateProblem);
        } else if (files.size() > 0) {
            LOG.info("outbox: recovered {} messages to send from {} segments", pending, files.size());
        }
        return report;
    }

    private boolean hasSegments() throws IOException {
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "*.seg")) {
            return ds.iterator().hasNext();
        }
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
                    force(new ArrayList<>(unsynced), dirDirty);
                } catch (IOException e) {
                    LOG.warn("outbox: final fsync failed: {}", e.getMessage());
                }
            }
            unsynced.clear();
            // In-flight messages count as not done: they are sent again next time.
            saveState(config.fsync() != FsyncPolicy.NONE);
            for (Lane lane : lanes) {
                for (Segment s : lane.segments) {
                    try {
                        s.channel.close();
                    } catch (IOException ignored) {
                        // closing anyway
                    }
                }
            }
            ledger.close();
        } finally {
            lock.unlock();
        }
    }

    // ---------------------------------------------------------------- internals

    /** A message handed to the sender; report its fate with {@link #delivered} or {@link #refused}. */
    public static final class Delivery {
        private final Entry entry;
        private final long epoch;
        private final OutboxRecord record;
        private Long remainingExpiryS;

        private Delivery(Entry entry, long epoch, OutboxRecord record) {
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

    private static final class StreamState {
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

    private static final class Segment {
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

    private static final class Entry {
        final Segment seg;
        final long offset;
        final int length;
        final StreamState stream;
        final long seq;
        boolean done;
        boolean inflight;

        Entry(Segment seg, long offset, int length, StreamState stream, long seq) {
            this.seg = seg;
            this.offset = offset;
            this.length = length;
            this.stream = stream;
            this.seq = seq;
        }
    }

    private static final class Lane {
        final Priority priority;
        final ArrayDeque<Segment> segments = new ArrayDeque<>();
        final ArrayDeque<Entry> pending = new ArrayDeque<>();
        final ArrayDeque<Entry> inflight = new ArrayDeque<>();
        Segment active;

        Lane(Priority priority) {
            this.priority = priority;
        }

        /** The first message of this lane not yet done, in file order. */
        Entry firstLive() {
            for (Entry e : inflight) {
                if (!e.done) {
                    return e;
                }
            }
            return pending.peekFirst();
        }
    }
}
