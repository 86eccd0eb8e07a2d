package io.sunsync.ground.store;

import java.util.List;

/**
 * What an {@link ArchiveUpkeep} call did.
 *
 * @param created      partitions created (PostgreSQL), e.g. {@code hk_d20270621}
 * @param dropped      partitions dropped by retention (PostgreSQL)
 * @param rowsDeleted  rows deleted by retention (SQLite, and quarantine rows on both)
 */
public record UpkeepReport(List<String> created, List<String> dropped, long rowsDeleted) {
    public UpkeepReport {
        created = List.copyOf(created);
        dropped = List.copyOf(dropped);
    }
}
