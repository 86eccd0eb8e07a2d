package io.sunsync.ground.cli;

import io.sunsync.ground.archive.TimeBound;
import io.sunsync.ground.profile.LoadedProfile;
import io.sunsync.ground.store.StoreException;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.function.BiFunction;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Which archived records a command reads: the archive (folder or database), one satellite, a time range. */
public final class ArchiveRange {
    @Mixin
    ArchiveLocation archive;

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

    /** Where to read (see {@link ArchiveLocation#source}). */
    HistorySource source(LoadedProfile profile, Map<String, String> environ, Clock clock) throws StoreException {
        return archive.source(profile, environ, clock);
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
