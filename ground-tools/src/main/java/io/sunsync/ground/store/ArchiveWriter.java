package io.sunsync.ground.store;

/**
 * The ingest side of the archive: stores batches of received messages.
 *
 * <p>Contract, for every implementation:
 * <ul>
 *   <li><b>atomic</b>: {@link #append} stores the whole batch or nothing (one transaction), so a
 *       caller that acknowledges its messages to the broker only after {@code append} returned
 *       loses nothing when it dies in between — the broker delivers them again;</li>
 *   <li><b>idempotent</b>: a record whose {@link io.sunsync.ground.archive.RecordKey} (satellite,
 *       stream, sequence number, discriminator) is already stored is counted as a duplicate and not
 *       stored again, whichever writer stored it first; a quarantined frame already in quarantine
 *       is not kept twice;</li>
 *   <li><b>durable</b> when it returns, as far as the database's own settings make commits durable.</li>
 * </ul>
 *
 * <p>Threading: implementations are thread safe; concurrent appends from several threads or
 * processes are allowed (each is its own transaction).
 */
public interface ArchiveWriter {
    /**
     * Stores {@code batch} in one transaction.
     *
     * @throws StoreException when nothing was stored: {@link StoreError#retryable()} for an outage
     *                        (try the same batch again later), {@link StoreError#REJECTED} when the
     *                        database refused some of the data (store the records one by one to
     *                        find which)
     */
    AppendResult append(StoreBatch batch) throws StoreException;
}
