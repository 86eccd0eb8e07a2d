package io.sunsync.ground.archive;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sunsync.ground.mqtt.GroundConnection.Received;
import io.sunsync.ground.store.AppendResult;
import io.sunsync.ground.store.ArchiveWriter;
import io.sunsync.ground.store.QuarantinedFrame;
import io.sunsync.ground.store.StoreBatch;
import io.sunsync.ground.store.StoreError;
import io.sunsync.ground.store.StoreException;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A telemetry and event archive in files: JSON lines (always) and CSV (optional), per satellite,
 * rotated by day and size. Each record is written to every file before {@link #accept} returns,
 * so the caller acknowledges the message to the broker only once it is stored; a message that was
 * stored but not acknowledged before a crash comes again and is recognised by its
 * {@link RecordKey} and dropped. On restart the keys in this writer's newest files are read back,
 * and torn last lines are cut off. As an {@link ArchiveWriter} it also keeps frames that failed the
 * ICD, one JSON line each, in {@code ROOT/quarantine.WRITER.jsonl}. (The database archive is
 * {@link io.sunsync.ground.store.ArchiveStore}; a recorder may write both.)
 *
 * <p>Order of writes: CSV, then JSONL. JSONL is the archive of record (plots, exports and
 * de-duplication read it), so a crash between them can leave at most one repeated CSV row, never a
 * record missing from JSONL.
 *
 * <p>Threading: owned by one thread; not thread safe.
 */
public final class Archive implements ArchiveWriter, AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final ArchiveSettings settings;
    private final Clock clock;
    private final JsonlSink jsonl;
    private final List<ArchiveSink> sinks = new ArrayList<>();
    private final SeenSet seen;
    private final Set<String> seeded = new HashSet<>();
    private long stored;
    private long duplicates;
    private long ignored;
    private AppendFile quarantine;

    /** What {@link #accept} did with a message. */
    public enum Outcome {
        /** Stored in every sink. */
        STORED,
        /** A copy of a message already stored; dropped. */
        DUPLICATE,
        /** Not under {@code sunsync/{sat}/}; dropped. */
        IGNORED
    }

    /** Opens (or continues) the archive described by {@code settings}. */
    public Archive(ArchiveSettings settings, Clock clock) throws IOException {
        this.settings = settings;
        this.clock = clock;
        this.seen = new SeenSet(settings.seenPerStream());
        Files.createDirectories(settings.root());
        if (settings.csv()) {
            sinks.add(new CsvSink(settings));
        }
        jsonl = new JsonlSink(settings);
        sinks.add(jsonl);
    }

    /** Stores a received message unless it is a copy of one already stored. */
    public Outcome accept(Received r) throws IOException {
        ArchiveRecord rec = ArchiveRecord.of(r, clock.instant());
        if (rec == null) {
            ignored++;
            return Outcome.IGNORED;
        }
        return accept(rec);
    }

    /** Stores {@code rec} unless a record with its key was already stored. */
    public Outcome accept(ArchiveRecord rec) throws IOException {
        seedFromDisk(rec.sat(), rec.kind());
        if (seen.contains(rec.key())) {
            duplicates++;
            return Outcome.DUPLICATE;
        }
        for (ArchiveSink s : sinks) {
            s.write(rec);
        }
        seen.add(rec.key());
        stored++;
        return Outcome.STORED;
    }

    /**
     * Stores a batch: each record as {@link #accept(ArchiveRecord)} does, each quarantined frame as
     * one line of {@code quarantine.WRITER.jsonl} ({@code rx, topic, sat, kind, reason, detail,
     * payload} as text, or {@code payloadBase64} when it is not UTF-8, {@code props}). Files are
     * written record by record, not in one transaction: a crash part-way leaves the first records
     * stored, and the broker's redelivery of the rest is de-duplicated.
     *
     * @throws StoreException {@link StoreError#FAILED} on an I/O error (disk full, …)
     */
    @Override
    public AppendResult append(StoreBatch batch) throws StoreException {
        long storedNow = 0;
        long dupsNow = 0;
        try {
            for (ArchiveRecord r : batch.records()) {
                if (accept(r) == Outcome.STORED) {
                    storedNow++;
                } else {
                    dupsNow++;
                }
            }
            for (QuarantinedFrame q : batch.quarantined()) {
                if (quarantine == null) {
                    quarantine = new AppendFile(settings.root().resolve("quarantine." + settings.writer() + ".jsonl"),
                            settings.fsync());
                }
                ObjectNode o = JSON.createObjectNode();
                o.put("rx", q.rx().toString());
                o.put("topic", q.topic());
                o.put("sat", q.sat());
                o.put("kind", q.kind());
                o.put("reason", q.reason().name());
                o.put("detail", q.detail());
                String text = q.payloadText();
                if (java.util.Arrays.equals(text.getBytes(java.nio.charset.StandardCharsets.UTF_8), q.payload())) {
                    o.put("payload", text);
                } else {
                    o.put("payloadBase64", java.util.Base64.getEncoder().encodeToString(q.payload()));
                }
                o.set("props", JSON.valueToTree(q.userProperties()));
                quarantine.appendLine(o.toString());
            }
        } catch (IOException e) {
            throw new StoreException(StoreError.FAILED, "archive " + settings.root() + ": " + e.getMessage(), e);
        }
        return new AppendResult(storedNow, dupsNow, batch.quarantined().size());
    }

    /** Reads back the keys of this writer's newest JSONL file for (sat, kind), once. */
    private void seedFromDisk(String sat, String kind) throws IOException {
        if (!seeded.add(sat + "/" + kind) || !ArchiveLayout.isSafeName(sat)) {
            return;
        }
        Path newest = RotatingLog.newestFile(settings.root(), sat, kind, settings.writer(), "jsonl");
        if (newest == null) {
            return;
        }
        try (BufferedReader in = Files.newBufferedReader(newest, StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                try {
                    seen.add(ArchiveRecord.fromJsonLine(line).key());
                } catch (IllegalArgumentException e) {
                    // a torn last line (cut off when the sink reopens the file) or a hand-edited line
                }
            }
        }
    }

    /** Records stored since opening. */
    public long stored() {
        return stored;
    }

    /** Redelivered copies dropped since opening. */
    public long duplicates() {
        return duplicates;
    }

    /** Messages not under {@code sunsync/{sat}/}, dropped. */
    public long ignored() {
        return ignored;
    }

    /** Bytes of torn last lines cut off when files were reopened. */
    public long repairedBytes() {
        return jsonl.repairedBytes();
    }

    /** The settings. */
    public ArchiveSettings settings() {
        return settings;
    }

    /** Now, by the archive's clock. */
    Instant now() {
        return clock.instant();
    }

    @Override
    public void close() throws IOException {
        IOException first = null;
        if (quarantine != null) {
            quarantine.close();
        }
        for (ArchiveSink s : sinks) {
            try {
                s.close();
            } catch (IOException e) {
                first = first == null ? e : first;
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
