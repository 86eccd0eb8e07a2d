/**
 * The on-disk store-and-forward outbox: append-only segment files per priority (files of
 * {@code store.log}, the records' bodies and the segment format in
 * {@link io.sunsync.flight.link.outbox.RecordCodec}), per-stream sequence numbers,
 * priority drain, bounded storage with counted drops, an fsync policy, and crash recovery
 * ({@link io.sunsync.flight.link.outbox.Outbox}, the facade over the package-private
 * {@code SegmentStore}, {@code StorageBudget}, {@code GroupCommitFlusher}, {@code StateFile} and
 * {@code OutboxRecovery}). Format and policies: {@code docs/link.md}.
 */
package io.sunsync.flight.link.outbox;
