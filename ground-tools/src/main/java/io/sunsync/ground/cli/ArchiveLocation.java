package io.sunsync.ground.cli;

import io.sunsync.ground.archive.ArchiveReader;
import io.sunsync.ground.profile.LoadedProfile;
import io.sunsync.ground.store.StoreException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Where an archive is: {@code -d/--dir}, a folder of files, and the {@link DbOptions}
 * ({@code --db} …), a database; else the profile's {@code archive.db} and {@code archive.dir}, the
 * database first. For the commands that record into an archive ({@code archive record},
 * {@code fleet ingest}) and those that read one ({@code plot}, {@code archive export},
 * {@code events --since}). A picocli mixin; read after parsing, on the command's thread.
 */
public final class ArchiveLocation {
    @Option(names = {"-d", "--dir"}, paramLabel = "DIR",
            description = "Archive folder (default: the profile's archive.dir, unless a database is named).")
    Path dir;

    @Mixin
    DbOptions db;

    /** The database options. */
    DbOptions db() {
        return db;
    }

    /** The archive folder: {@code --dir}, else the profile's {@code archive.dir}; null if neither names one. */
    Path folderOrNull(LoadedProfile profile) {
        if (dir != null) {
            return dir;
        }
        if (profile.profile().archive() != null && profile.profile().archive().dir() != null) {
            return profile.resolve(profile.profile().archive().dir());
        }
        return null;
    }

    /**
     * The folder to record files into: {@code --dir}, else, when no database is named (flag or
     * profile), the profile's {@code archive.dir}; null for none.
     */
    Path filesFolderOrNull(LoadedProfile profile) {
        return dir == null && db.given(profile) ? null : folderOrNull(profile);
    }

    /**
     * Where to read: {@code --db}, else {@code --dir}, else the profile's archive database, else its
     * folder; none of them is a usage error.
     */
    HistorySource source(LoadedProfile profile, Map<String, String> environ, Clock clock) throws StoreException {
        if (db.db != null || (dir == null && db.given(profile))) {
            return HistorySource.store(db.open(profile, environ, clock));
        }
        Path root = folderOrNull(profile);
        if (root == null) {
            throw new GroundCommand.UsageException("no archive: pass --dir DIR or --db URL (or set archive.dir or archive.db in the profile)");
        }
        return HistorySource.files(new ArchiveReader(root), root.toString());
    }
}
