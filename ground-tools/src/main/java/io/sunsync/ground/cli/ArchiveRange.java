package io.sunsync.ground.cli;

import io.sunsync.ground.archive.ArchiveReader;
import io.sunsync.ground.archive.TimeBound;
import io.sunsync.ground.profile.LoadedProfile;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import picocli.CommandLine.Option;

/** Which archived records a command reads: the archive folder, one satellite, a time range. */
public final class ArchiveRange {
    @Option(names = {"-d", "--dir"}, paramLabel = "DIR", description = "Archive folder (default: the profile's archive.dir).")
    Path dir;

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

    /** A reader of the archive. */
    ArchiveReader reader(LoadedProfile profile) {
        return new ArchiveReader(ArchiveCommand.archiveDir(dir, profile));
    }

    /**
     * The range, spans counted back from the newest record of {@code kind}; null when the
     * archive holds nothing of {@code sat} and {@code kind}.
     */
    Bounds bounds(ArchiveReader reader, String kind) throws IOException {
        if (reader.bytes(sat, kind) == 0) {
            return null;
        }
        boolean spans = (from != null && TimeBound.isSpan(from)) || (to != null && TimeBound.isSpan(to));
        Instant newest = spans ? reader.newest(sat, kind) : null;
        if (spans && newest == null) {
            return null;
        }
        try {
            return new Bounds(from == null ? null : TimeBound.parse(from, newest), to == null ? null : TimeBound.parse(to, newest));
        } catch (IllegalArgumentException e) {
            throw new GroundCommand.UsageException(e.getMessage());
        }
    }
}
