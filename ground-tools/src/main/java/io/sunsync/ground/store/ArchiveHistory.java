package io.sunsync.ground.store;

import io.sunsync.ground.archive.ArchiveRecord;
import io.sunsync.ground.events.EventRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The read side of the archive: what the CLI ({@code archive query}, {@code plot},
 * {@code archive export}, {@code events --since}) and the console read history through. Times are
 * mission times ({@code t} of each message; reception time for messages without one); ranges are
 * closed; results come in mission-time order (ties by stream and sequence number), the same on
 * every backend.
 *
 * <p>Threading: implementations are thread safe; reads run concurrently with ingest and see
 * whole committed batches only.
 */
public interface ArchiveHistory {
    /** The satellites the archive has housekeeping of, sorted. */
    List<String> satellites() throws StoreException;

    /**
     * The newest mission time of any {@code kind} ({@code hk}, {@code evt}, {@code tc-ack}, …)
     * message of {@code sat} (null: of any satellite).
     */
    Optional<Instant> newest(String sat, String kind) throws StoreException;

    /**
     * Whole messages of one satellite and kind over a range, as archived (for exports and plots).
     *
     * @param limit most records returned, the earliest first
     */
    List<ArchiveRecord> records(String sat, String kind, TimeRange range, int limit) throws StoreException;

    /** Chosen housekeeping points of one satellite over a range, one row per frame. */
    HkTable housekeeping(HkQuery query) throws StoreException;

    /**
     * The fleet at an instant: for each satellite, its newest housekeeping frame at or before
     * {@code at} and no older than {@code lookback}; satellites with none are left out. Sorted by
     * satellite.
     */
    List<FleetEntry> snapshot(Instant at, Duration lookback) throws StoreException;

    /** Events, filtered, in mission-time order. */
    List<EventRecord> events(EventQuery query) throws StoreException;

    /**
     * Commands of {@code sat} (null: every satellite) with a verification report in {@code range},
     * each with every report it had, ordered by first report.
     */
    List<CommandHistory> commands(String sat, TimeRange range) throws StoreException;

    /**
     * Jobs of {@code sat} (null: every satellite) with an event in {@code range}, each with its
     * whole history and its result's manifest if that came down, ordered by first event.
     */
    List<JobHistory> jobs(String sat, TimeRange range) throws StoreException;

    /** Frames quarantined with a reception time in {@code range}, oldest first. */
    List<QuarantinedFrame> quarantined(TimeRange range, int limit) throws StoreException;

    /** How much the store holds. */
    StoreStats stats() throws StoreException;
}
