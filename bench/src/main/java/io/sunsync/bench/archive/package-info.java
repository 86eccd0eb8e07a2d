/**
 * The ground's fleet ingest and archive under load through Mosquitto
 * ({@link io.sunsync.bench.archive.FleetIngestBench}, {@code ./sunsync bench fleet-ingest}) and into
 * PostgreSQL and SQLite ({@link io.sunsync.bench.archive.ArchiveBench}, {@code bench archive}).
 */
package io.sunsync.bench.archive;
