package io.sunsync.flight.link.outbox;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The outbox's state file ({@value #NAME}): per stream the next sequence number and the
 * counters, per lane the first message not yet done, and the next segment id. Written to a
 * temporary file and renamed; fsynced when durable (always before a segment file is deleted, so
 * the sequence numbers in it are never reused). Saved at most every 200 ms otherwise.
 *
 * <p>Threading: not thread-safe; guarded by the outbox's lock.
 */
final class StateFile {
    private static final Logger LOG = LoggerFactory.getLogger(StateFile.class);
    static final String NAME = "outbox-state.json";
    static final int VERSION = 1;
    static final long SAVE_INTERVAL_NS = TimeUnit.MILLISECONDS.toNanos(200);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectWriter WRITER = JSON.writerWithDefaultPrettyPrinter();

    /** The file's contents (the JSON layout is in docs/link.md). */
    @JsonPropertyOrder({"version", "nextSegmentId", "lanes", "streams"})
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Saved(int version, long nextSegmentId, Map<String, Cursor> lanes, Map<String, Counters> streams) {
        Saved {
            lanes = lanes == null ? Map.of() : lanes;
            streams = streams == null ? Map.of() : streams;
        }
    }

    /** A lane's first message not yet done: its segment id and offset (the next segment id, 0 when all are done). */
    @JsonPropertyOrder({"segment", "offset"})
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Cursor(long segment, long offset) {
    }

    /** A stream's next sequence number and counters. */
    @JsonPropertyOrder({"nextSeq", "sent", "dropped", "droppedBytes", "expired"})
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Counters(long nextSeq, long sent, long dropped, long droppedBytes, long expired) {
    }

    private final Path dir;
    private final DropLedger ledger;
    private boolean dirty;
    private long lastSaveNs = System.nanoTime();
    private boolean failing;

    StateFile(Path dir, DropLedger ledger) {
        this.dir = dir;
        this.ledger = ledger;
    }

    /** The state changed (a number handed out, a counter moved, a segment created). */
    void markDirty() {
        dirty = true;
    }

    /** Whether a save is due: something changed (or files wait for it) and the interval passed. */
    boolean saveDue(boolean unlinkPending) {
        return (dirty || unlinkPending) && System.nanoTime() - lastSaveNs >= SAVE_INTERVAL_NS;
    }

    /**
     * Reads the file.
     *
     * @throws java.nio.file.NoSuchFileException when there is none
     * @throws IOException when it cannot be read or is not a state file of this version
     */
    Saved load() throws IOException {
        Saved s = JSON.readValue(Files.readAllBytes(dir.resolve(NAME)), Saved.class);
        if (s == null || s.version() != VERSION) {
            throw new IOException("unknown state file version");
        }
        return s;
    }

    /** The state of {@code store} and {@code streams} now. */
    static Saved snapshot(SegmentStore store, Map<String, StreamState> streams) {
        Map<String, Cursor> cursors = new LinkedHashMap<>();
        for (Lane lane : store.lanes()) {
            cursors.put(lane.priority.name(), cursor(lane, store.nextSegmentId));
        }
        Map<String, Counters> counters = new LinkedHashMap<>();
        for (StreamState s : streams.values()) {
            counters.put(s.name, new Counters(s.nextSeq, s.sent, s.dropped, s.droppedBytes, s.expired));
        }
        return new Saved(VERSION, store.nextSegmentId, cursors, counters);
    }

    /**
     * Where recovery resumes a lane: its first message not yet done; when everything so far is
     * done, the end of the active segment (appends after this save go on there, and a kill before
     * the next save must not skip them), or the next segment from its start when none is active.
     */
    static Cursor cursor(Lane lane, long nextSegmentId) {
        QueuedMessage first = lane.firstLive();
        if (first != null) {
            return new Cursor(first.seg.id, first.offset);
        }
        if (lane.active != null) {
            return new Cursor(lane.active.id, lane.active.size());
        }
        return new Cursor(nextSegmentId, 0);
    }

    /**
     * Writes {@code saved}; fsynced (file and folder) when {@code durable}. Returns false, logged
     * once per episode, when it could not be written (retried after the interval).
     */
    boolean save(Saved saved, boolean durable) {
        Path tmp = dir.resolve(NAME + ".tmp");
        try {
            byte[] bytes = WRITER.writeValueAsBytes(saved);
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
                Files.move(tmp, dir.resolve(NAME), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, dir.resolve(NAME), StandardCopyOption.REPLACE_EXISTING);
            }
            if (durable) {
                SegmentStore.forceDir(dir);
            }
            dirty = false;
            lastSaveNs = System.nanoTime();
            ledger.allocate();
            if (failing) {
                failing = false;
                LOG.info("outbox: state saved again in {}", dir);
            }
            return true;
        } catch (IOException e) {
            lastSaveNs = System.nanoTime(); // try again after the interval, not in a tight loop
            if (!failing) {
                failing = true;
                LOG.warn("outbox: cannot save state in {}: {} (retrying every {} ms)", dir, e.getMessage(),
                        TimeUnit.NANOSECONDS.toMillis(SAVE_INTERVAL_NS));
            }
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException partial) {
                LOG.debug("outbox: partial {} left ({}); overwritten next time", tmp.getFileName(), partial.getMessage());
            }
            return false;
        }
    }
}
