package io.sunsync.flight.jobs.journal;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.sunsync.flight.store.log.Damage;
import io.sunsync.flight.store.log.Frame;
import io.sunsync.flight.store.log.LogFile;
import io.sunsync.flight.store.log.LogFormat;
import io.sunsync.flight.store.log.LogScan;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * A write-ahead journal of keyed records on disk: each {@link #append} writes one framed record
 * ({@link #FORMAT}, through {@code store.log}) and forces it to the device before returning, so a caller that changes
 * state only after {@code append} returns never has a change the disk does not know about.
 * Records are whole states (the latest record for a key supersedes the earlier ones), so replay
 * is "last record per key wins" and a skipped damaged record loses at most an intermediate state.
 *
 * <p>Files in {@code dir}: {@code journal.log} (records appended since the last compaction) and
 * {@code snapshot.dat} (every live record at the last compaction, between a begin and an end
 * marker). Every record carries a sequence number; the snapshot names the last one it includes,
 * and replay ignores journal records at or below it, so a crash at any point of
 * {@link #compact} leaves a consistent pair. Compaction writes {@code snapshot.tmp}, forces it,
 * renames it over {@code snapshot.dat}, forces the directory, then truncates the journal.
 *
 * <p>Threading: one owner; not thread safe.
 *
 * @param <T> the record type (a Jackson-serialisable record)
 */
public final class Journal<T> implements AutoCloseable {
    /** The journal file's name. */
    public static final String JOURNAL_FILE = "journal.log";
    /** The snapshot file's name. */
    public static final String SNAPSHOT_FILE = "snapshot.dat";
    private static final String SNAPSHOT_TMP = "snapshot.tmp";
    /**
     * The frames of the journal and snapshot files (also of the forecast files): magic "SJNL",
     * CRC-32C of the payload, payloads up to 16 MiB, no file header. Unchanged since the first
     * journal, so a data folder kept across a software update replays.
     */
    public static final LogFormat FORMAT = LogFormat.headerless("job journal", 0x534A4E4C, LogFormat.CrcScope.PAYLOAD,
            0, 16 * 1024 * 1024);

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private static final com.fasterxml.jackson.databind.ObjectWriter WRITER = MAPPER.writer();

    private final Path dir;
    private final Class<T> type;
    private final com.fasterxml.jackson.databind.JavaType envelopeType;
    private final Function<T, String> keyOf;
    private LogFile log;
    private long lastSeq;
    private long journalBytes;
    private long journalRecords;

    /**
     * @param dir    directory of the journal files (created if missing)
     * @param type   the record type
     * @param keyOf  the key of a record (e.g. the job id)
     */
    public Journal(Path dir, Class<T> type, Function<T, String> keyOf) {
        this.dir = Objects.requireNonNull(dir, "dir");
        this.type = Objects.requireNonNull(type, "type");
        this.keyOf = Objects.requireNonNull(keyOf, "keyOf");
        this.envelopeType = MAPPER.getTypeFactory().constructParametricType(Envelope.class, type);
    }

    /** One journaled record and its sequence number. */
    public record Entry<T>(long seq, T record) {
    }

    /**
     * What replay found.
     *
     * @param latest           the latest record per key, in order of first appearance
     * @param snapshotRecords  records read from the snapshot
     * @param entries          the journal's records after the snapshot, in order (the history since
     *                         the last compaction)
     * @param damage           damaged stretches found, in the snapshot and the journal
     * @param lastSeq          the highest sequence number seen
     */
    public record Replay<T>(Map<String, T> latest, int snapshotRecords, List<Entry<T>> entries, List<Damage> damage,
                            long lastSeq) {
        public Replay {
            latest = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(latest));
            entries = List.copyOf(entries);
            damage = List.copyOf(damage);
        }
    }

    /** Reads the journal in {@code dir} without changing anything (for inspection and tests). */
    public static <T> Replay<T> read(Path dir, Class<T> type, Function<T, String> keyOf) throws IOException {
        return new Journal<>(dir, type, keyOf).load().replay;
    }

    /**
     * Replays snapshot and journal, drops a torn tail (truncating the journal to its last good
     * record) and opens the journal for appending.
     */
    public Replay<T> open() throws IOException {
        if (log != null) {
            throw new IllegalStateException("journal already open");
        }
        Files.createDirectories(dir);
        Files.deleteIfExists(dir.resolve(SNAPSHOT_TMP));
        Loaded<T> loaded = load();
        Path file = dir.resolve(JOURNAL_FILE);
        boolean created = !Files.exists(file);
        log = LogFile.open(file, FORMAT, loaded.journalGoodEnd);
        if (created) {
            forceDirectory(dir);
        }
        journalBytes = log.sizeBytes();
        journalRecords = loaded.replay.entries().size();
        lastSeq = loaded.replay.lastSeq();
        return loaded.replay;
    }

    /**
     * Appends {@code record} and forces it to the device; returns its sequence number. On an I/O
     * error the journal is cut back to where it was and the error is thrown: the change must not
     * take effect.
     */
    public long append(T record) throws IOException {
        requireOpen();
        long seq = lastSeq + 1;
        // fdatasync: it also makes the new length durable, which appends need. A failed write or
        // force cuts the file back (a torn frame left by a failed cut is dropped at the next replay).
        log.appendDurably(envelope(seq, "rec", null, record));
        lastSeq = seq;
        journalBytes = log.sizeBytes();
        journalRecords++;
        return seq;
    }

    /**
     * Writes {@code live} as the new snapshot and empties the journal. Crash-safe at every step
     * (see the class comment).
     */
    public void compact(Collection<T> live) throws IOException {
        requireOpen();
        Path tmp = dir.resolve(SNAPSHOT_TMP);
        Files.deleteIfExists(tmp); // left by a compaction that failed
        try (LogFile out = LogFile.create(tmp, FORMAT)) {
            out.append(envelope(lastSeq, "begin", live.size(), null));
            for (T rec : live) {
                out.append(envelope(lastSeq, "rec", null, rec));
            }
            out.append(envelope(lastSeq, "end", live.size(), null));
            out.force(true);
        }
        Files.move(tmp, dir.resolve(SNAPSHOT_FILE), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        forceDirectory(dir);
        log.clear();
        journalBytes = 0;
        journalRecords = 0;
    }

    /** Bytes in the journal file since the last compaction. */
    public long journalBytes() {
        return journalBytes;
    }

    /** Records in the journal file since the last compaction. */
    public long journalRecords() {
        return journalRecords;
    }

    /** The last sequence number written or replayed. */
    public long lastSeq() {
        return lastSeq;
    }

    @Override
    public void close() throws IOException {
        if (log != null) {
            log.close();
            log = null;
        }
    }

    private void requireOpen() {
        if (log == null) {
            throw new IllegalStateException("journal not open");
        }
    }

    /** The envelope of every frame: {@code {"seq":N,"kind":K,"count":C,"rec":{...}}} (absent fields omitted). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    private record Envelope<R>(Long seq, String kind, Integer count, R rec) {
    }

    private static byte[] envelope(long seq, String kind, Integer count, Object rec) throws IOException {
        return WRITER.writeValueAsBytes(new Envelope<>(seq, kind, count, rec));
    }

    /** Forces a directory entry change (create, rename) to the device; a no-op where unsupported. */
    public static void forceDirectory(Path dir) {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException e) {
            // Some file systems cannot open or sync a directory; there is nothing more to do there.
        }
    }

    private record Loaded<T>(Replay<T> replay, long journalGoodEnd) {
    }

    private Loaded<T> load() throws IOException {
        Map<String, T> latest = new LinkedHashMap<>();
        List<Damage> damage = new ArrayList<>();
        long snapSeq = 0;
        int snapRecords = 0;
        byte[] snap = readIfExists(dir.resolve(SNAPSHOT_FILE));
        if (snap != null) {
            LogScan<byte[]> scan = LogScan.scan(FORMAT, SNAPSHOT_FILE, snap);
            damage.addAll(scan.damage());
            Integer begin = null;
            Integer end = null;
            for (Frame<byte[]> f : scan.frames()) {
                Envelope<T> env = decode(f, damage, SNAPSHOT_FILE, "snapshot");
                if (env == null) {
                    continue;
                }
                String kind = String.valueOf(env.kind());
                if (kind.equals("begin")) {
                    begin = env.count();
                    snapSeq = env.seq() == null ? 0 : env.seq();
                } else if (kind.equals("end")) {
                    end = env.count();
                } else {
                    T rec = env.rec();
                    if (rec != null) {
                        latest.put(keyOf.apply(rec), rec);
                        snapRecords++;
                    }
                }
            }
            if (begin == null || end == null || !begin.equals(end) || begin != snapRecords) {
                damage.add(new Damage(SNAPSHOT_FILE, Damage.Kind.INCOMPLETE_FILE, 0, snap.length,
                        "snapshot incomplete: begin=" + begin + " end=" + end + " records=" + snapRecords));
            }
        }
        List<Entry<T>> entries = new ArrayList<>();
        long lastSeq = snapSeq;
        long goodEnd = 0;
        byte[] journal = readIfExists(dir.resolve(JOURNAL_FILE));
        if (journal != null) {
            LogScan<byte[]> scan = LogScan.scan(FORMAT, JOURNAL_FILE, journal);
            damage.addAll(scan.damage());
            goodEnd = scan.goodEnd();
            for (Frame<byte[]> f : scan.frames()) {
                Envelope<T> env = decode(f, damage, JOURNAL_FILE, "journal");
                if (env == null) {
                    continue;
                }
                long seq = env.seq() == null ? -1 : env.seq();
                if (seq <= snapSeq) {
                    continue; // already in the snapshot (a crash between snapshot and truncation)
                }
                T rec = env.rec();
                if (rec != null) {
                    latest.put(keyOf.apply(rec), rec); // a LinkedHashMap keeps the first-appearance order
                    entries.add(new Entry<>(seq, rec));
                    lastSeq = Math.max(lastSeq, seq);
                }
            }
        }
        return new Loaded<>(new Replay<>(latest, snapRecords, entries, damage, lastSeq), goodEnd);
    }

    /** Decodes a frame's envelope in one pass; a frame that does not decode is reported and skipped. */
    private Envelope<T> decode(Frame<byte[]> f, List<Damage> damage, String file, String where) {
        try {
            Envelope<T> env = MAPPER.readValue(f.value(), envelopeType);
            if (env == null || ("rec".equals(env.kind()) && env.rec() == null)) {
                throw new IOException("no record");
            }
            if (env.rec() != null) {
                keyOf.apply(env.rec());
            }
            return env;
        } catch (IOException | RuntimeException e) {
            damage.add(new Damage(file, Damage.Kind.UNDECODABLE_RECORD, f.offset(), f.frameBytes(),
                    where + ": " + e.getMessage()));
            return null;
        }
    }

    private static byte[] readIfExists(Path file) throws IOException {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return null;
        }
    }
}
