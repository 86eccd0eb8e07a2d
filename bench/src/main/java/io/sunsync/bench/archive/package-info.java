/**
 * The ground's fleet ingest and archive under load through Mosquitto
 * ({@link io.sunsync.bench.archive.FleetIngestBench}, {@code ./sunsync bench fleet-ingest}) and into
 * PostgreSQL and SQLite ({@link io.sunsync.bench.archive.ArchiveBench}, {@code bench archive}); the
 * cost of judging one received frame ({@link io.sunsync.bench.archive.FrameCheckBench},
 * {@code bench frame-check}).
 */
package io.sunsync.bench.archive;
