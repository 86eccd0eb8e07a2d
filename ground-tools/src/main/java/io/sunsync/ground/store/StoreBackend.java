package io.sunsync.ground.store;

/** The kinds of database an {@link ArchiveStore} can live in. */
public enum StoreBackend {
    /** One SQLite file: the embedded default, one operator, zero set-up. */
    SQLITE,
    /** A PostgreSQL database: a fleet, many ingest workers, many readers. */
    POSTGRESQL
}
