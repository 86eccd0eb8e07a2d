package io.sunsync.ground.archive;

import java.io.IOException;

/** Somewhere archived records go (JSONL files, CSV files, SQLite). Owned by one thread. */
interface ArchiveSink extends AutoCloseable {
    /** Stores {@code r} durably before returning. */
    void write(ArchiveRecord r) throws IOException;

    @Override
    void close() throws IOException;
}
