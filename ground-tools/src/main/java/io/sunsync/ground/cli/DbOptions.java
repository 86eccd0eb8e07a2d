package io.sunsync.ground.cli;

import io.sunsync.ground.profile.LoadedProfile;
import io.sunsync.ground.profile.Secret;
import io.sunsync.ground.profile.SecretRef;
import io.sunsync.ground.store.ArchiveStore;
import io.sunsync.ground.store.StoreException;
import io.sunsync.ground.store.StoreOptions;
import io.sunsync.ground.store.StoreUrl;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * Which archive database a command uses: {@code --db URL} (else the profile's {@code archive.db})
 * and where its password is kept. A URL names the backend ({@link StoreUrl}).
 */
public final class DbOptions {
    @Option(names = "--db", paramLabel = "URL",
            description = "Archive database: sqlite:FILE (or FILE.db), postgresql://USER@HOST[:PORT]/DB "
                    + "(default: the profile's archive.db).")
    String db;

    @Option(names = "--db-password-file", paramLabel = "FILE", description = "Read the database password from the first line of FILE.")
    Path passwordFile;

    @Option(names = "--db-password-env", paramLabel = "VAR",
            description = "Read the database password from environment variable VAR (PGPASSWORD is read anyway).")
    String passwordEnv;

    /** True if a database is named (flag or profile). */
    boolean given(LoadedProfile profile) {
        return db != null || (profile.profile().archive() != null && profile.profile().archive().db() != null);
    }

    /** The store's URL with its password, or null if none is named. */
    StoreUrl url(LoadedProfile profile, Map<String, String> environ) throws StoreException {
        String text = db != null ? db : profile.profile().archive() == null ? null : profile.profile().archive().db();
        if (text == null) {
            return null;
        }
        if (text.startsWith("sqlite:") && db == null && !text.startsWith("sqlite://")) {
            // a relative path in the profile is relative to the profile's folder
            text = "sqlite:" + profile.resolve(text.substring("sqlite:".length()));
        }
        StoreUrl url = StoreUrl.parse(text, environ);
        Secret password = null;
        if (passwordFile != null) {
            password = SecretRef.ofFile(passwordFile.toAbsolutePath().toString()).resolve("--db-password-file",
                    profile.baseDir(), environ);
        } else if (passwordEnv != null) {
            password = SecretRef.ofEnv(passwordEnv).resolve("--db-password-env", profile.baseDir(), environ);
        } else if (db == null && profile.profile().archive().dbPassword() != null) {
            password = profile.profile().archive().dbPassword().resolve("archive.dbPassword", profile.baseDir(), environ);
        }
        return password == null ? url : url.withPassword(password);
    }

    /** Opens the named store (4 connections), or returns null if none is named. */
    ArchiveStore open(LoadedProfile profile, Map<String, String> environ, Clock clock) throws StoreException {
        return open(profile, environ, clock, StoreOptions.defaults().poolSize());
    }

    /**
     * Opens the named store with {@code connections} pooled connections (an ingest worker needs 2:
     * its batches and the odd partition), or returns null if none is named.
     */
    ArchiveStore open(LoadedProfile profile, Map<String, String> environ, Clock clock, int connections) throws StoreException {
        StoreUrl url = url(profile, environ);
        return url == null ? null : url.open(StoreOptions.defaults().withClock(clock).withPoolSize(connections));
    }
}
