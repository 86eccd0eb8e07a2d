package io.sunsync.flight.orbit;

import io.sunsync.flight.cmd.store.DurableFile;
import io.sunsync.flight.jobs.journal.Journal;
import io.sunsync.flight.link.Json;
import io.sunsync.flight.store.log.LogScan;
import io.sunsync.flight.throttle.EclipseWindow;
import io.sunsync.flight.throttle.ForecastSource;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The forecast kept on disk so a restart loses none of it: the elements in force, the ground's
 * eclipse ephemeris and the eclipses observed, one file each in the state folder
 * ({@code elements.json}, {@code ephemeris.json}, {@code learned.json}). Each file is written with
 * fsync and an atomic rename ({@link DurableFile}) and holds one CRC-checked frame of JSON (the
 * journal's {@link Journal#FORMAT}, read back by {@link LogScan}), so a torn, truncated or
 * bit-flipped file is recognised: loading it gives a {@link Loaded#problem()} for the caller to
 * report, never an exception.
 *
 * <p>Not thread safe: one owner (the orbit component, on the scheduler thread).
 */
public final class ForecastStore {
    /** File names in the state folder. */
    public static final String ELEMENTS = "elements.json";
    public static final String EPHEMERIS = "ephemeris.json";
    public static final String LEARNED = "learned.json";

    private final Path dir;
    private final DurableFile elements;
    private final DurableFile ephemeris;
    private final DurableFile learned;

    /** The elements in force as stored: the text as received, where it came from, when accepted. */
    public record StoredElements(String source, String text, Instant acceptedAt, double alongTrackErrorM, Double fitRmsM) {
    }

    /** One eclipse window as stored. */
    public record StoredWindow(Instant start, Instant end, Instant umbraStart, Instant umbraEnd, double uncertaintyS,
                               Double minLitFraction) {
        static StoredWindow of(EclipseWindow w) {
            return new StoredWindow(w.start(), w.end(), w.umbraStart(), w.umbraEnd(), w.uncertaintyS(), w.minLitFraction());
        }

        /** The window it stores, from {@code source}. */
        public EclipseWindow window(ForecastSource source) {
            // files written before the least light was kept have none: the window may go dark
            return new EclipseWindow(start, end, umbraStart, umbraEnd, uncertaintyS, source,
                    minLitFraction == null ? 0.0 : minLitFraction);
        }
    }

    /** The ground's ephemeris as stored. */
    public record StoredEphemeris(Instant uplinkedAt, List<StoredWindow> windows) {
    }

    private record StoredLearned(List<StoredWindow> windows) {
    }

    /**
     * What a load found: a value, nothing (no file yet), or a problem (the file is unreadable or
     * corrupt; it is left in place and replaced by the next save).
     *
     * @param value   the content, or null
     * @param file    the file read
     * @param problem what is wrong with it, or null
     */
    public record Loaded<T>(T value, Path file, String problem) {
        /** Whether the file was there and good. */
        public boolean present() {
            return value != null;
        }
    }

    /** A store in {@code dir} (created on the first save). */
    public ForecastStore(Path dir) {
        this.dir = Objects.requireNonNull(dir, "dir");
        this.elements = new DurableFile(dir.resolve(ELEMENTS));
        this.ephemeris = new DurableFile(dir.resolve(EPHEMERIS));
        this.learned = new DurableFile(dir.resolve(LEARNED));
    }

    /** The state folder. */
    public Path dir() {
        return dir;
    }

    public Loaded<StoredElements> loadElements() {
        return load(elements, StoredElements.class);
    }

    public void saveElements(StoredElements e) throws IOException {
        save(elements, e);
    }

    public Loaded<StoredEphemeris> loadEphemeris() {
        return load(ephemeris, StoredEphemeris.class);
    }

    /** Stores the ground's ephemeris uplinked at {@code uplinkedAt}. */
    public void saveEphemeris(Instant uplinkedAt, List<EclipseWindow> windows) throws IOException {
        save(ephemeris, new StoredEphemeris(uplinkedAt, windows.stream().map(StoredWindow::of).toList()));
    }

    /** The observed eclipses, most recent last. */
    public Loaded<List<EclipseWindow>> loadLearned() {
        Loaded<StoredLearned> l = load(learned, StoredLearned.class);
        if (!l.present()) {
            return new Loaded<>(null, l.file(), l.problem());
        }
        try {
            List<EclipseWindow> out = new ArrayList<>();
            for (StoredWindow w : l.value().windows()) {
                out.add(w.window(ForecastSource.LEARNED));
            }
            return new Loaded<>(out, l.file(), null);
        } catch (RuntimeException e) {
            return new Loaded<>(null, l.file(), "bad window: " + e.getMessage());
        }
    }

    public void saveLearned(List<EclipseWindow> windows) throws IOException {
        save(learned, new StoredLearned(windows.stream().map(StoredWindow::of).toList()));
    }

    private static void save(DurableFile file, Object value) throws IOException {
        file.write(Journal.FORMAT.encode(Json.encode(value)));
    }

    private static <T> Loaded<T> load(DurableFile file, Class<T> type) {
        byte[] bytes;
        try {
            var read = file.read();
            if (read.isEmpty()) {
                return new Loaded<>(null, file.path(), null);
            }
            bytes = read.get();
        } catch (IOException e) {
            return new Loaded<>(null, file.path(), "unreadable: " + e.getMessage());
        }
        LogScan<byte[]> scan = LogScan.scan(Journal.FORMAT, file.path().getFileName().toString(), bytes);
        if (scan.frames().size() != 1 || !scan.damage().isEmpty()) {
            return new Loaded<>(null, file.path(), "corrupt: " + bytes.length + " bytes, " + scan.frames().size()
                    + " good frames, " + scan.damage().size() + " damaged stretches (CRC or framing)");
        }
        try {
            T value = Json.mapper().readValue(scan.frames().get(0).value(), type);
            if (value == null) {
                return new Loaded<>(null, file.path(), "corrupt: empty content");
            }
            return new Loaded<>(value, file.path(), null);
        } catch (IOException | RuntimeException e) {
            return new Loaded<>(null, file.path(), "unreadable content: " + e.getMessage());
        }
    }
}
