package io.sunsync.ground.store;

import java.time.LocalDate;

/**
 * Keeping the archive in shape: day partitions made ahead of time, old data dropped. Run by
 * {@code sunsync ground archive upkeep} (e.g. daily from a timer); ingest also makes a missing
 * partition on demand, so upkeep falling behind never loses a frame.
 *
 * <p>Threading: thread safe; concurrent calls (several workers or hosts) are serialised by the
 * database.
 */
public interface ArchiveUpkeep {
    /**
     * Makes sure the day partitions for {@code days} days from {@code first} (UTC) exist
     * (PostgreSQL; nothing to do on SQLite).
     */
    UpkeepReport prepare(LocalDate first, int days) throws StoreException;

    /**
     * Retention: drops housekeeping and events of mission days before {@code keepFrom} (whole
     * partitions on PostgreSQL, rows on SQLite) and quarantined frames received before it. Commands
     * and job history are kept.
     */
    UpkeepReport retain(LocalDate keepFrom) throws StoreException;
}
