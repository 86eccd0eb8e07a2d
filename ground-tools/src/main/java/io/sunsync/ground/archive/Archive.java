package io.sunsync.ground.archive;

import io.sunsync.ground.mqtt.GroundConnection.Received;
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
 * A telemetry and event archive writer: JSON lines (always), CSV and SQLite (optional), per
 * satellite, rotated by day and size. Each record is written to every sink before
 * {@link #accept} returns, so the caller acknowledges the message to the broker only once it is
 * stored; a message that was stored but not acknowledged before a crash comes again and is
 * recognised by its {@link RecordKey} and dropped. On restart the keys in this writer's newest
 * files are read back, and torn last lines are cut off.
 *
 * <p>Order of writes: CSV, SQLite, then JSONL. JSONL is the archive of record (plots, exports
 * and de-duplication read it), so a crash between sinks can leave at most one repeated CSV row,
 * never a record missing from JSONL.
 *
 * <p>Threading: owned by one thread; not thread safe.
 */
public final class Archive implements AutoCloseable {
    private final ArchiveSettings settings;
    private final Clock clock;
    private final JsonlSink jsonl;
    private final List<ArchiveSink> sinks = new ArrayList<>();
    private final SeenSet seen;
    private final Set<String> seeded = new HashSet<>();
    private long stored;
    private long duplicates;
    private long ignored;

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
            sinks.add(new CsvSink(settings.root(), settings.writer(), settings.maxFileBytes(), settings.fsync()));
        }
        if (settings.sqlite()) {
            sinks.add(new SqliteSink(settings.root()));
        }
        jsonl = new JsonlSink(settings.root(), settings.writer(), settings.maxFileBytes(), settings.fsync());
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
