package io.sunsync.ground.ingest;

import io.sunsync.ground.store.AppendResult;
import io.sunsync.ground.store.ArchiveWriter;
import io.sunsync.ground.store.StoreBatch;
import io.sunsync.ground.store.StoreException;
import java.util.List;

/**
 * Writes each batch to several archives in order (files, then the database): a batch counts as
 * stored when every one took it; the counts returned are the last one's (the archive of record).
 * Each writer de-duplicates on its own, so a batch retried after one of them failed is not
 * stored twice in the others. Thread safe if its writers are.
 *
 * @param writers at least one, in the order they are written
 */
public record TeeWriter(List<ArchiveWriter> writers) implements ArchiveWriter {
    public TeeWriter {
        writers = List.copyOf(writers);
        if (writers.isEmpty()) {
            throw new IllegalArgumentException("a tee needs at least one writer");
        }
    }

    /** The writers that are not null, teed; the one writer alone; or null if none. */
    public static ArchiveWriter of(ArchiveWriter... maybe) {
        List<ArchiveWriter> ws = java.util.Arrays.stream(maybe).filter(java.util.Objects::nonNull).toList();
        return ws.isEmpty() ? null : ws.size() == 1 ? ws.get(0) : new TeeWriter(ws);
    }

    @Override
    public AppendResult append(StoreBatch batch) throws StoreException {
        AppendResult last = AppendResult.NONE;
        for (ArchiveWriter w : writers) {
            last = w.append(batch);
        }
        return last;
    }
}
