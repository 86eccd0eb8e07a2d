package io.sunsync.ground.archive;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.LongConsumer;

/**
 * Reads an archive's JSON lines back: one satellite's records of one kind, from every writer,
 * in a time range (by mission time, else reception time), each key once, sorted by time. A torn
 * or foreign line is skipped and counted, never fatal. Stateless apart from its counters; one
 * thread.
 */
public final class ArchiveReader {
    private final Path root;
    private long skippedLines;

    /** @param root the archive's root folder */
    public ArchiveReader(Path root) {
        this.root = root;
    }

    /** The satellites the archive holds. */
    public List<String> satellites() throws IOException {
        return ArchiveLayout.satellites(root);
    }

    /** Total size of the JSONL files {@link #read} would go through, in bytes (for progress bars). */
    public long bytes(String sat, String kind) throws IOException {
        long n = 0;
        for (ArchiveLayout.ArchiveFile f : ArchiveLayout.files(root, sat, kind, "jsonl")) {
            n += Files.size(f.path());
        }
        return n;
    }

    /**
     * The records of {@code sat} and {@code kind} with time in [{@code from}, {@code to}].
     *
     * @param from     earliest time, or null
     * @param to       latest time, or null
     * @param progress told the bytes read so far, line by line (may be null)
     */
    public List<ArchiveRecord> read(String sat, String kind, Instant from, Instant to, LongConsumer progress)
            throws IOException {
        List<ArchiveRecord> out = new ArrayList<>();
        Set<RecordKey> keys = new HashSet<>();
        long bytes = 0;
        for (ArchiveLayout.ArchiveFile f : ArchiveLayout.files(root, sat, kind, "jsonl")) {
            try (BufferedReader in = Files.newBufferedReader(f.path(), StandardCharsets.UTF_8)) {
                String line;
                while ((line = in.readLine()) != null) {
                    bytes += line.length() + 1;
                    if (progress != null) {
                        progress.accept(bytes);
                    }
                    ArchiveRecord r;
                    try {
                        r = ArchiveRecord.fromJsonLine(line);
                    } catch (IllegalArgumentException e) {
                        skippedLines++;
                        continue;
                    }
                    Instant when = r.when();
                    if ((from != null && when.isBefore(from)) || (to != null && when.isAfter(to))) {
                        continue;
                    }
                    if (keys.add(r.key())) {
                        out.add(r);
                    }
                }
            }
        }
        out.sort(Comparator.comparing(ArchiveRecord::when));
        return out;
    }

    /** The newest time (mission time, else reception) of any record of {@code sat} and {@code kind}, or null. */
    public Instant newest(String sat, String kind) throws IOException {
        Instant newest = null;
        for (ArchiveRecord r : read(sat, kind, null, null, null)) {
            newest = newest == null || r.when().isAfter(newest) ? r.when() : newest;
        }
        return newest;
    }

    /** Lines skipped because they were not records (torn, foreign). */
    public long skippedLines() {
        return skippedLines;
    }
}
