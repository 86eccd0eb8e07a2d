/**
 * Accelerator board models: the concave throughput curve
 * ({@link io.sunsync.sim.accel.ThroughputCurve}) and the state of every board
 * ({@link io.sunsync.sim.accel.BoardBank}: caps, temperatures, hangs, resets, throttling,
 * work done), owned and stepped by the satellite model on its thread.
 */
package io.sunsync.sim.accel;
