package io.sunsync.ground.store;

import java.util.List;
import java.util.Map;

/**
 * How much a store holds.
 *
 * @param backend     which backend
 * @param location    where (a URL without password, or a file)
 * @param rows        rows per table ({@code hk}, {@code evt}, {@code tc_report}, {@code message}, {@code quarantine})
 * @param satellites  satellites known
 * @param bytes       space the archive takes, bytes (tables and indexes; the file for SQLite)
 * @param partitions  day partitions of the housekeeping table (PostgreSQL; empty for SQLite)
 */
public record StoreStats(StoreBackend backend, String location, Map<String, Long> rows, long satellites, long bytes,
                         List<String> partitions) {
    public StoreStats {
        rows = Map.copyOf(rows);
        partitions = List.copyOf(partitions);
    }
}
