/**
 * The ground archive's store: one interface for what the ground keeps (housekeeping, events,
 * command history with verification outcomes, job and result metadata, and frames quarantined for
 * failing the ICD), with two backends chosen by URL ({@link io.sunsync.ground.store.StoreUrl}):
 * SQLite, the embedded default for one operator ({@code io.sunsync.ground.store.sqlite}), and
 * PostgreSQL for a fleet, with day partitions, COPY ingest and migrations
 * ({@code io.sunsync.ground.store.postgres}).
 *
 * <p>Roles, each its own interface so a caller depends on what it uses:
 * <ul>
 *   <li>{@link io.sunsync.ground.store.ArchiveWriter}: ingest, one transaction per batch,
 *       idempotent on (satellite, stream, sequence number);</li>
 *   <li>{@link io.sunsync.ground.store.ArchiveHistory}: the read side, for the CLI, plots and the
 *       console: time ranges of housekeeping (whole records or chosen points), a fleet snapshot at an
 *       instant, events, commands, jobs, quarantine;</li>
 *   <li>{@link io.sunsync.ground.store.ArchiveUpkeep}: partitions ahead of time, retention;</li>
 *   <li>{@link io.sunsync.ground.store.ArchiveStore}: all three, as opened from a URL.</li>
 * </ul>
 * Every backend gives the same answers to the same questions (a contract test runs against both).
 * Stores are thread safe. Failures are {@link io.sunsync.ground.store.StoreException}s with a
 * {@link io.sunsync.ground.store.StoreError} code that says whether to retry.
 */
package io.sunsync.ground.store;
