/**
 * The job runner's write-ahead journal: {@link io.sunsync.flight.jobs.journal.Journal} appends
 * records (JSON in {@code store.log} frames of {@link io.sunsync.flight.jobs.journal.Journal#FORMAT}:
 * magic "SJNL", length, CRC-32C) and forces them before a change takes effect, replays them on
 * start (a torn or corrupt stretch is detected and dropped, never fatal) and compacts them into a
 * snapshot.
 */
package io.sunsync.flight.jobs.journal;
