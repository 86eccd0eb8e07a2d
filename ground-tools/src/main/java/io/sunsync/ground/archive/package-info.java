/**
 * The telemetry and event archive: JSON lines (the archive of record), CSV with flattened
 * dotted columns and optional SQLite, per satellite, rotated by day and size; durable per
 * record, repaired after an abrupt stop (torn last lines are cut), and free of redelivered
 * copies (de-duplicated by satellite, stream and sequence number). Writers are owned by one
 * thread; readers skip what they cannot parse.
 */
package io.sunsync.ground.archive;
