/**
 * The telemetry and event archive in files: JSON lines (the archive of record of a file archive)
 * and CSV with flattened dotted columns, per satellite, rotated by day and size; durable per
 * record, repaired after an abrupt stop (torn last lines are cut), and free of redelivered copies
 * (de-duplicated by satellite, stream and sequence number). Also the archived message itself
 * ({@link io.sunsync.ground.archive.ArchiveRecord}, its {@link io.sunsync.ground.archive.RecordKey}),
 * which the database archive ({@link io.sunsync.ground.store}) stores too. Writers are owned by one
 * thread; readers skip what they cannot parse.
 */
package io.sunsync.ground.archive;
