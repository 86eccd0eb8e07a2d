package io.sunsync.flight.link.outbox;

import io.sunsync.flight.store.log.Damage;
import io.sunsync.flight.store.log.Frame;
import io.sunsync.flight.store.log.LogFile;
import io.sunsync.flight.store.log.LogScan;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opening an outbox: reads the state file (cursors, sequence numbers, counters) and the drop
 * ledger (drops made while the disk was full and never reported), scans every segment file
 * (a torn last record is cut off, damaged stretches skipped, all reported), queues again every
 * message past its lane's cursor (at-least-once), counts sequence numbers handed out after the
 * last save that no segment holds as dropped-unrecorded, forgets streams this build no longer
 * makes, then saves the state durably before deleting segments with nothing left to send.
 *
 * <p>Threading: runs once, in the outbox's constructor, before any other thread sees it.
 */
final class OutboxRecovery {
    private static final Logger LOG = LoggerFactory.getLogger(OutboxRecovery.class);
    private static final Pattern SEGMENT_NAME = Pattern.compile("(high|normal|low)-([0-9a-f]{16})\\.seg");

    private final Path dir;
    private final SegmentStore store;
    private final StateFile state;
    private final DropLedger ledger;
    private final StreamRouting routing;
    private final Map<String, StreamState> streams;
    private final Function<String, StreamState> stream;
    private final BooleanSupplier saveStateDurably;

    OutboxRecovery(Path dir, SegmentStore store, StateFile state, DropLedger ledger, StreamRouting routing,
                   Map<String, StreamState> streams, Function<String, StreamState> stream,
                   BooleanSupplier saveStateDurably) {
        this.dir = dir;
        this.store = store;
        this.state = state;
        this.ledger = ledger;
        this.routing = routing;
        this.streams = streams;
        this.stream = stream;
        this.saveStateDurably = saveStateDurably;
    }

    RecoveryReport recover() throws IOException {
        long started = System.nanoTime();
        String stateProblem = null;
        Map<Priority, long[]> cursors = new LinkedHashMap<>();
        // Next sequence numbers as last saved (used only when the state file was usable).
        Map<String, Long> savedNext = new LinkedHashMap<>();
        boolean stateUsable = true;
        try {
            StateFile.Saved saved = state.load();
            store.nextSegmentId = saved.nextSegmentId();
            for (Priority p : Priority.values()) {
                StateFile.Cursor c = saved.lanes().get(p.name());
                if (c != null) {
                    cursors.put(p, new long[] {c.segment(), c.offset()});
                }
            }
            saved.streams().forEach((name, n) -> {
                StreamState s = stream.apply(name);
                s.nextSeq = Math.max(s.nextSeq, n.nextSeq());
                s.sent = n.sent();
                s.dropped = n.dropped();
                s.droppedBytes = n.droppedBytes();
                s.expired = n.expired();
                savedNext.put(name, s.nextSeq);
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
        List<DropReport> unrecorded = new ArrayList<>();
        readLedger(stateUsable, savedNext, unrecorded);
        // Sequence numbers at or above the saved next one that are on disk, per stream.
        Map<String, TreeSet<Long>> afterSave = new TreeMap<>();
        TreeMap<Long, Path> files = new TreeMap<>();
        Map<Long, Priority> fileLane = new LinkedHashMap<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "*.seg")) {
            for (Path p : ds) {
                Matcher m = SEGMENT_NAME.matcher(p.getFileName().toString());
                if (m.matches()) {
                    long id = Long.parseUnsignedLong(m.group(2), 16);
                    files.put(id, p);
                    fileLane.put(id, Priority.valueOf(m.group(1).toUpperCase(Locale.ROOT)));
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
            store.nextSegmentId = Math.max(store.nextSegmentId, id + 1);
            byte[] bytes = Files.readAllBytes(path);
            if (bytes.length == 0) {
                Files.delete(path); // created, header never written (crash or full disk): nothing lost
                continue;
            }
            LogScan<OutboxRecord> scan = RecordCodec.scan(path.getFileName().toString(), bytes);
            damage.addAll(scan.damage());
            // A torn tail is cut off (and the cut forced): the file ends at its last good record.
            Segment seg = new Segment(id, lanePriority, LogFile.open(path, RecordCodec.FORMAT, scan.goodEnd()));
            store.adopt(seg);
            long[] cursor = cursors.get(lanePriority);
            for (Frame<OutboxRecord> r : scan.frames()) {
                OutboxRecord rec = r.value();
                StreamState s = stream.apply(rec.stream());
                s.nextSeq = Math.max(s.nextSeq, rec.seq() + 1);
                if (stateUsable && rec.seq() >= savedNext.getOrDefault(rec.stream(), 0L)) {
                    afterSave.computeIfAbsent(rec.stream(), k -> new TreeSet<>()).add(rec.seq());
                }
                if (cursor != null && (id < cursor[0] || (id == cursor[0] && r.offset() < cursor[1]))) {
                    skipped++;
                    continue;
                }
                if (s.priority == null) {
                    s.priority = rec.priority();
                }
                store.adopt(new QueuedMessage(seg, r.offset(), r.frameBytes(), s, rec.seq()));
                s.queued++;
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
        if (stateUsable) {
            countUnrecorded(afterSave, savedNext, unrecorded);
        }
        retireStreams();
        // Sequence numbers seen in the segments are now in the state before any segment goes.
        boolean saved = saveStateDurably.getAsBoolean();
        for (Segment seg : empty) {
            store.delete(seg, saved);
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

    /** Drops recorded while the disk was full and never reported (flight stopped first). */
    private void readLedger(boolean stateUsable, Map<String, Long> savedNext, List<DropReport> unrecorded) {
        for (Map.Entry<String, DropLedger.Totals> e : ledger.read().entrySet()) {
            StreamState s = stream.apply(e.getKey());
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
    }

    /**
     * Numbers handed out after the last save that no segment holds were dropped, and the crash
     * took the record of it: count and report them now, so the ground can account for every gap.
     */
    private void countUnrecorded(Map<String, TreeSet<Long>> afterSave, Map<String, Long> savedNext,
                                 List<DropReport> unrecorded) {
        for (Map.Entry<String, TreeSet<Long>> e : afterSave.entrySet()) {
            StreamState s = stream.apply(e.getKey());
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

    /**
     * Streams an older build made that this routing folds into another one (one per response
     * topic under tc/ack/) are forgotten once nothing of theirs is queued: otherwise forged
     * response topics would keep growing the state file across restarts.
     */
    private void retireStreams() {
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
    }

    private boolean hasSegments() throws IOException {
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "*.seg")) {
            return ds.iterator().hasNext();
        }
    }
}
