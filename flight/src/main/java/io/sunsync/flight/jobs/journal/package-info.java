/**
 * The job runner's write-ahead journal: {@link io.sunsync.flight.jobs.journal.FrameCodec}
 * frames records (magic, length, CRC32C, JSON) so a torn or corrupt stretch is detected and
 * dropped, never fatal; {@link io.sunsync.flight.jobs.journal.Journal} appends and forces them
 * before a change takes effect, replays them on start and compacts them into a snapshot.
 */
package io.sunsync.flight.jobs.journal;
