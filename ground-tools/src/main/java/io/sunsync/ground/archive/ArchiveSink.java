package io.sunsync.ground.archive;

import java.io.IOException;

/** A file format archived records go to (JSONL, CSV). Owned by one thread. */
interface ArchiveSink extends AutoCloseable {
    /** Stores {@code r} durably before returning. */
    void write(ArchiveRecord r) throws IOException;

    @Override
    void close() throws IOException;
}
