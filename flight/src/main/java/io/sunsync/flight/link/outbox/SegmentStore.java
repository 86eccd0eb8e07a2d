package io.sunsync.flight.link.outbox;

import io.sunsync.flight.store.log.LogFile;
import io.sunsync.flight.store.log.MalformedPayloadException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The outbox's segment files: one lane per priority, each a list of append-only segment files
 * ({@code <priority>-<16 hex id>.seg}: {@code store.log} files of {@link RecordCodec#FORMAT}), the active one
 * taking appends until the next frame would not fit. Counts what is on disk and live, tracks what
 * is written but not yet fsynced (for the group commit), and deletes a done segment's file now or
 * once the state file that covers its sequence numbers is durable.
 *
 * <p>Threading: not thread-safe; guarded by the outbox's lock. Only {@link #force} may run
 * without it (on the flush thread), on segments handed out by {@link #takeUnsynced()}.
 */
final class SegmentStore {
    private static final Logger LOG = LoggerFactory.getLogger(SegmentStore.class);

    private final Path dir;
    private final OutboxConfig config;
    private final StateFile state;
    private final Lane[] lanes = new Lane[Priority.values().length];
    private final Set<Segment> unsynced = new LinkedHashSet<>();
    /** Segments done with whose files stay until the state that covers them is durable. */
    private final List<Path> unlinkAfterSave = new ArrayList<>();
    long nextSegmentId;
    long diskBytes;
    long liveMessages;
    long liveBytes;
    private long firstUnsyncedNs;
    private boolean syncUrgent;
    private boolean dirDirty;

    SegmentStore(OutboxConfig config, StateFile state) {
        this.dir = config.dir();
        this.config = config;
        this.state = state;
        for (Priority p : Priority.values()) {
            lanes[p.ordinal()] = new Lane(p);
        }
    }

    Lane lane(Priority p) {
        return lanes[p.ordinal()];
    }

    /** The lanes, highest priority first. */
    Lane[] lanes() {
        return lanes;
    }

    boolean needsNewSegment(Lane lane, int frameBytes) {
        return lane.active == null || lane.active.size() + frameBytes > config.segmentBytes();
    }

    /**
     * Appends a record's {@code body} as one frame to the lane's active segment (a new one when it
     * does not fit) and queues it. A failed write leaves the segment as it was (cut back).
     */
    QueuedMessage append(Lane lane, byte[] body, StreamState s, long seq) throws IOException {
        int frameBytes = RecordCodec.FORMAT.frameBytes(body.length);
        if (needsNewSegment(lane, frameBytes)) {
            if (lane.active != null) {
                lane.active.sealed = true;
            }
            lane.active = createSegment(lane.priority);
        }
        Segment seg = lane.active;
        long offset = seg.log.append(body);
        diskBytes += frameBytes;
        seg.live++;
        if (config.fsync() == FsyncPolicy.NONE) {
            seg.durable = seg.size();
        } else {
            if (unsynced.isEmpty()) {
                firstUnsyncedNs = System.nanoTime();
            }
            unsynced.add(seg);
        }
        QueuedMessage m = new QueuedMessage(seg, offset, frameBytes, s, seq);
        lane.pending.addLast(m);
        liveMessages++;
        liveBytes += frameBytes;
        return m;
    }

    private Segment createSegment(Priority priority) throws IOException {
        long id = nextSegmentId++;
        Path path = dir.resolve(String.format("%s-%016x.seg", priority.fileTag(), id));
        // On a full disk no headerless file is left behind (it would read as damage at recovery).
        Segment seg = new Segment(id, priority, LogFile.create(path, RecordCodec.FORMAT));
        diskBytes += seg.size();
        lane(priority).segments.addLast(seg);
        dirDirty = true;
        state.markDirty();
        if (config.fsync() == FsyncPolicy.NONE) {
            seg.durable = seg.size();
        }
        return seg;
    }

    /** Adds a segment found at recovery (sealed, durable as found). */
    void adopt(Segment seg) {
        seg.durable = seg.size();
        seg.sealed = true;
        diskBytes += seg.size();
        lane(seg.lane).segments.addLast(seg);
    }

    /** Queues a message found at recovery. */
    void adopt(QueuedMessage m) {
        lane(m.seg.lane).pending.addLast(m);
        m.seg.live++;
        liveMessages++;
        liveBytes += m.length;
    }

    /** Reads a stored message back; null (logged) when it cannot be read or decoded. */
    OutboxRecord read(QueuedMessage e) {
        ByteBuffer body;
        try {
            body = e.seg.log.read(e.offset, e.length);
        } catch (IOException io) {
            LOG.warn("outbox: cannot read {} at {}: {}", e.seg.path.getFileName(), e.offset, io.getMessage());
            return null;
        }
        try {
            return RecordCodec.decodeBody(body);
        } catch (MalformedPayloadException m) {
            LOG.warn("outbox: record in {} at {} unreadable: {}", e.seg.path.getFileName(), e.offset, m.getMessage());
            return null;
        }
    }

    /** A message is done (delivered, refused, expired, evicted): it no longer counts as live. */
    void forget(QueuedMessage e) {
        liveMessages--;
        liveBytes -= e.length;
    }

    /**
     * Forgets {@code seg}; its file is deleted now when {@code unlinkNow}, else once the state
     * file has been saved durably (a sequence number must never be found only in a deleted file).
     */
    void delete(Segment seg, boolean unlinkNow) {
        seg.deleted = true;
        Lane lane = lane(seg.lane);
        lane.segments.remove(seg);
        if (lane.active == seg) {
            lane.active = null;
        }
        unsynced.remove(seg);
        diskBytes -= seg.size();
        close(seg);
        if (unlinkNow) {
            unlink(seg.path);
        } else {
            unlinkAfterSave.add(seg.path);
        }
    }

    /** Whether files wait for a durable state save before they are deleted. */
    boolean unlinkPending() {
        return !unlinkAfterSave.isEmpty();
    }

    /** The state covering the waiting files is durable: deletes them. */
    void unlinkSaved() {
        for (Path p : unlinkAfterSave) {
            unlink(p);
        }
        unlinkAfterSave.clear();
    }

    private static void unlink(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            LOG.warn("outbox: cannot delete {}: {}", path, e.getMessage());
        }
    }

    // ---------------------------------------------------------------- group commit

    /** A message was appended that must be durable soon (fsync ALWAYS, or HIGH priority). */
    void urgent() {
        syncUrgent = true;
    }

    /** Whether the written, unsynced segments are due for an fsync (urgent, or the group-commit window passed). */
    boolean syncDue() {
        if (unsynced.isEmpty()) {
            return false;
        }
        return syncUrgent || System.nanoTime() - firstUnsyncedNs >= TimeUnit.MILLISECONDS.toNanos(config.groupCommitMs());
    }

    /** What is to be fsynced now: the unsynced segments and their sizes; whether the folder must be too. */
    record SyncBatch(List<Segment> segments, List<Long> sizes, boolean syncDir) {
    }

    /** Hands out the unsynced segments (with their sizes now) for an fsync outside the lock. */
    SyncBatch takeUnsynced() {
        List<Segment> toSync = new ArrayList<>(unsynced);
        List<Long> sizes = new ArrayList<>();
        for (Segment s : toSync) {
            sizes.add(s.size());
        }
        unsynced.clear();
        syncUrgent = false;
        boolean syncDir = dirDirty && !toSync.isEmpty();
        if (syncDir) {
            dirDirty = false;
        }
        return new SyncBatch(toSync, sizes, syncDir);
    }

    /** An empty batch: nothing is due. */
    static SyncBatch nothing() {
        return new SyncBatch(List.of(), List.of(), false);
    }

    /** After {@code batch} was fsynced: its segments are durable up to the sizes taken; whether any grew. */
    boolean synced(SyncBatch batch) {
        boolean any = false;
        for (int i = 0; i < batch.segments().size(); i++) {
            Segment s = batch.segments().get(i);
            if (batch.sizes().get(i) > s.durable) {
                s.durable = batch.sizes().get(i);
                any = true;
            }
        }
        return any;
    }

    /** fsyncs the folder (when {@code syncDir}) and the segments; a segment closed meanwhile is skipped. */
    void force(List<Segment> segments, boolean syncDir) throws IOException {
        if (syncDir) {
            forceDir(dir);
        }
        for (Segment s : segments) {
            try {
                s.log.force(false);
            } catch (ClosedChannelException deleted) {
                LOG.trace("outbox: {} delivered or evicted before its fsync", s.path.getFileName());
            }
        }
    }

    /** At close: fsyncs everything written and not yet synced. */
    void forceAll() throws IOException {
        force(new ArrayList<>(unsynced), dirDirty);
        unsynced.clear();
    }

    /** At close without fsync: forgets what is unsynced. */
    void dropUnsynced() {
        unsynced.clear();
    }

    /** fsyncs a folder (its new and renamed entries); a failure is logged. */
    static void forceDir(Path dir) {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException e) {
            LOG.debug("outbox: cannot fsync folder {}: {}", dir, e.getMessage());
        }
    }

    /** Closes every segment file. */
    void closeAll() {
        for (Lane lane : lanes) {
            for (Segment s : lane.segments) {
                close(s);
            }
        }
    }

    private static void close(Segment s) {
        try {
            s.log.close();
        } catch (IOException e) {
            LOG.debug("outbox: closing {}: {}", s.path.getFileName(), e.getMessage());
        }
    }
}
