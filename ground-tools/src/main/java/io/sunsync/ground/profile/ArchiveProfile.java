package io.sunsync.ground.profile;

/**
 * Where the archive lives, for {@code archive}, {@code plot}, {@code events --since} and
 * {@code fleet ingest}: a folder of files, a database, or both.
 *
 * <pre>
 * archive:
 *   dir: ~/sunsync-archive                              # JSONL/CSV files
 *   db: postgresql://ingest@db1.example.org/sunsync    # or sqlite:/srv/sunsync/archive.db
 *   dbPassword: {file: ~/.config/sunsync/db.pw}        # or {env: PGPASSWORD}
 * </pre>
 *
 * @param dir        the file archive's root folder, or null
 * @param db         the archive store's URL ({@code io.sunsync.ground.store.StoreUrl}), or null
 * @param dbPassword where the database password is kept, or null (then the URL's, or $PGPASSWORD)
 */
public record ArchiveProfile(String dir, String db, SecretRef dbPassword) {
    public ArchiveProfile {
        dir = dir == null || dir.isBlank() ? null : dir;
        db = db == null || db.isBlank() ? null : db.trim();
        if (dir == null && db == null) {
            throw new ProfileException(ProfileError.MISSING, "dir", "give dir (a folder), db (a store URL), or both");
        }
        if (dbPassword != null && db == null) {
            throw new ProfileException(ProfileError.INVALID, "dbPassword", "needs db");
        }
    }

    /** A file archive in {@code dir}. */
    public static ArchiveProfile ofDir(String dir) {
        return new ArchiveProfile(dir, null, null);
    }
}
