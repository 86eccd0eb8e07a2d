package io.sunsync.ground.cli;

import io.sunsync.ground.archive.ArchiveReader;
import io.sunsync.ground.archive.TimeBound;
import io.sunsync.ground.profile.LoadedProfile;
import io.sunsync.ground.store.StoreException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.function.BiFunction;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Which archived records a command reads: the archive (folder or database), one satellite, a time range. */
public final class ArchiveRange {
    @Option(names = {"-d", "--dir"}, paramLabel = "DIR", description = "Archive folder (default: the profile's archive.dir).")
    Path dir;

    @Mixin
    DbOptions db;

    @Option(names = {"-s", "--sat"}, required = true, paramLabel = "ID", description = "Satellite id.")
    String sat;

    @Option(names = "--from", paramLabel = "WHEN",
            description = "Earliest time: an instant, or a span back from the newest record (default: the first record).")
    String from;

    @Option(names = "--to", paramLabel = "WHEN",
            description = "Latest time: an instant, or a span back from the newest record (default: the last record).")
    String to;

    /**
     * A resolved range.
     *
     * @param from earliest, or null
     * @param to   latest, or null
     */
    record Bounds(Instant from, Instant to) {
    }

    /**
     * Where to read: {@code --db}, else {@code --dir}, else the profile's archive database, else its
     * folder.
     */
    HistorySource source(LoadedProfile profile, Map<String, String> environ, Clock clock) throws StoreException {
        return source(dir, db, profile, environ, clock);
    }

    /** The history source for a folder flag and database options (see {@link #source(LoadedProfile, Map, Clock)}). */
    static HistorySource source(Path dir, DbOptions db, LoadedProfile profile, Map<String, String> environ, Clock clock)
            throws StoreException {
        if (db.db != null || (dir == null && db.given(profile))) {
            return HistorySource.store(db.open(profile, environ, clock));
        }
        Path root = ArchiveCommand.archiveDirOrNull(dir, profile);
        if (root == null) {
            throw new GroundCommand.UsageException("no archive: pass --dir DIR or --db URL (or set archive.dir or archive.db in the profile)");
        }
        return HistorySource.files(new ArchiveReader(root), root.toString());
    }

    /**
     * The range, spans counted back from the newest record of {@code kind}; null when the
     * archive holds nothing of {@code sat} and {@code kind}.
     */
    Bounds bounds(HistorySource source, String kind) throws IOException, StoreException {
        Instant newest = source.newest(sat, kind);
        if (newest == null) {
            return null;
        }
        return resolve(from, to, newest, Bounds::new);
    }

    /**
     * The range of the {@code --from} and {@code --to} texts (null: open at that end), spans counted
     * back from {@code reference}, made by {@code range}; a text that is no time, or a range
     * {@code range} refuses, is a usage error.
     */
    static <R> R resolve(String from, String to, Instant reference, BiFunction<Instant, Instant, R> range) {
        return GroundCommand.fromArguments(() -> range.apply(from == null ? null : TimeBound.parse(from, reference),
                to == null ? null : TimeBound.parse(to, reference)));
    }
}
