package io.sunsync.flight.jobs.journal;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.nio.ByteBuffer;
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
 * ({@link FrameCodec}) and forces it to the device before returning, so a caller that changes
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

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private final Path dir;
    private final Class<T> type;
    private final Function<T, String> keyOf;
    private FileChannel channel;
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
        if (channel != null) {
            throw new IllegalStateException("journal already open");
        }
        Files.createDirectories(dir);
        Files.deleteIfExists(dir.resolve(SNAPSHOT_TMP));
        Loaded<T> loaded = load();
        Path file = dir.resolve(JOURNAL_FILE);
        boolean created = !Files.exists(file);
        channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.READ);
        if (channel.size() > loaded.journalGoodEnd) {
            channel.truncate(loaded.journalGoodEnd);
            channel.force(true);
        }
        if (created) {
            forceDirectory(dir);
        }
        channel.position(channel.size());
        journalBytes = channel.size();
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
        ObjectNode env = MAPPER.createObjectNode();
        env.put("seq", seq);
        env.put("kind", "rec");
        env.set("rec", MAPPER.valueToTree(record));
        byte[] frame = FrameCodec.encode(MAPPER.writeValueAsBytes(env));
        long before = journalBytes;
        try {
            ByteBuffer buf = ByteBuffer.wrap(frame);
            while (buf.hasRemaining()) {
                channel.write(buf);
            }
            // force(false) is fdatasync: it also makes the new length durable, which appends need.
            channel.force(false);
        } catch (IOException e) {
            try {
                channel.truncate(before);
                channel.position(before);
            } catch (IOException ignored) {
                // the torn frame will be dropped at the next replay
            }
            throw e;
        }
        lastSeq = seq;
        journalBytes += frame.length;
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
        try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE)) {
            ObjectNode begin = MAPPER.createObjectNode().put("seq", lastSeq).put("kind", "begin").put("count", live.size());
            write(out, FrameCodec.encode(MAPPER.writeValueAsBytes(begin)));
            for (T rec : live) {
                ObjectNode env = MAPPER.createObjectNode().put("seq", lastSeq).put("kind", "rec");
                env.set("rec", MAPPER.valueToTree(rec));
                write(out, FrameCodec.encode(MAPPER.writeValueAsBytes(env)));
            }
            ObjectNode end = MAPPER.createObjectNode().put("seq", lastSeq).put("kind", "end").put("count", live.size());
            write(out, FrameCodec.encode(MAPPER.writeValueAsBytes(end)));
            out.force(true);
        }
        Files.move(tmp, dir.resolve(SNAPSHOT_FILE), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        forceDirectory(dir);
        channel.truncate(0);
        channel.position(0);
        channel.force(true);
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
        if (channel != null) {
            channel.close();
            channel = null;
        }
    }

    private void requireOpen() {
        if (channel == null) {
            throw new IllegalStateException("journal not open");
        }
    }

    private static void write(FileChannel out, byte[] bytes) throws IOException {
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        while (buf.hasRemaining()) {
            out.write(buf);
        }
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
            FrameCodec.Scan scan = FrameCodec.scan(snap);
            damage.addAll(scan.damage());
            Integer begin = null;
            Integer end = null;
            for (FrameCodec.Frame f : scan.frames()) {
                JsonNode env;
                try {
                    env = MAPPER.readTree(f.payload());
                } catch (IOException e) {
                    damage.add(new Damage(Damage.Kind.UNDECODABLE_RECORD, f.offset(), f.sizeBytes(), "snapshot: " + e.getMessage()));
                    continue;
                }
                String kind = env.path("kind").asText();
                if (kind.equals("begin")) {
                    begin = env.path("count").asInt();
                    snapSeq = env.path("seq").asLong();
                } else if (kind.equals("end")) {
                    end = env.path("count").asInt();
                } else {
                    T rec = decode(env, f, damage, "snapshot");
                    if (rec != null) {
                        latest.put(keyOf.apply(rec), rec);
                        snapRecords++;
                    }
                }
            }
            if (begin == null || end == null || !begin.equals(end) || begin != snapRecords) {
                damage.add(new Damage(Damage.Kind.BAD_SNAPSHOT, 0, snap.length,
                        "snapshot incomplete: begin=" + begin + " end=" + end + " records=" + snapRecords));
            }
        }
        List<Entry<T>> entries = new ArrayList<>();
        long lastSeq = snapSeq;
        long goodEnd = 0;
        byte[] journal = readIfExists(dir.resolve(JOURNAL_FILE));
        if (journal != null) {
            FrameCodec.Scan scan = FrameCodec.scan(journal);
            damage.addAll(scan.damage());
            goodEnd = scan.goodEnd();
            for (FrameCodec.Frame f : scan.frames()) {
                JsonNode env;
                try {
                    env = MAPPER.readTree(f.payload());
                } catch (IOException e) {
                    damage.add(new Damage(Damage.Kind.UNDECODABLE_RECORD, f.offset(), f.sizeBytes(), e.getMessage()));
                    continue;
                }
                long seq = env.path("seq").asLong(-1);
                if (seq <= snapSeq) {
                    continue; // already in the snapshot (a crash between snapshot and truncation)
                }
                T rec = decode(env, f, damage, "journal");
                if (rec != null) {
                    latest.put(keyOf.apply(rec), rec); // a LinkedHashMap keeps the first-appearance order
                    entries.add(new Entry<>(seq, rec));
                    lastSeq = Math.max(lastSeq, seq);
                }
            }
        }
        return new Loaded<>(new Replay<>(latest, snapRecords, entries, damage, lastSeq), goodEnd);
    }

    private T decode(JsonNode env, FrameCodec.Frame f, List<Damage> damage, String where) {
        try {
            T rec = MAPPER.treeToValue(env.get("rec"), type);
            if (rec == null) {
                throw new IOException("no record");
            }
            keyOf.apply(rec);
            return rec;
        } catch (IOException | RuntimeException e) {
            damage.add(new Damage(Damage.Kind.UNDECODABLE_RECORD, f.offset(), f.sizeBytes(), where + ": " + e.getMessage()));
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
