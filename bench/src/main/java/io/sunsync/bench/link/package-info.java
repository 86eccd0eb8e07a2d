/**
 * Flight's link measured: commanding in process and through Mosquitto
 * ({@link io.sunsync.bench.link.CommandBench}), the outbox's append and drain
 * ({@link io.sunsync.bench.link.OutboxAppendBench}, {@link io.sunsync.bench.link.OutboxDrainBench}),
 * and telemetry signing's cost ({@link io.sunsync.bench.link.TelemetryMacBench}).
 */
package io.sunsync.bench.link;
