/**
 * Flight's control tick timed: the algorithm alone by JMH on in-memory boards
 * ({@link io.sunsync.bench.control.ControlTickBenchmark}), then with device I/O behind wall-clock
 * latency models ({@link io.sunsync.bench.control.ControlTickIoBench}); {@code ./sunsync bench control-tick}.
 */
package io.sunsync.bench.control;
