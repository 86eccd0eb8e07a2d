package io.sunsync.ground.store;

/**
 * The ground archive's store: ingest ({@link ArchiveWriter}), history ({@link ArchiveHistory}) and
 * upkeep ({@link ArchiveUpkeep}) of one database, opened from a URL with {@link StoreUrl#open}.
 * Backends: {@code io.sunsync.ground.store.sqlite.SqliteStore} (one file, the embedded default) and
 * {@code io.sunsync.ground.store.postgres.PostgresStore} (a fleet).
 *
 * <p>Threading: thread safe. {@link #close()} once, after every other call has returned.
 */
public interface ArchiveStore extends ArchiveWriter, ArchiveHistory, ArchiveUpkeep, AutoCloseable {
    /** Which backend this is. */
    StoreBackend backend();

    /** Where it is: a URL without password, or the SQLite file. */
    String location();

    /** Releases its connections. */
    @Override
    void close();
}
