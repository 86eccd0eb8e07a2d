/**
 * The throttler graded from outside ({@code ./sunsync bench throttler}, {@code bench autonomy}):
 * flight's control chain flown on the reference scenarios against the oracle and the static,
 * two-level and greedy peers ({@link io.sunsync.bench.throttle.ThrottlerBenchmark}), and over a grid
 * of forecast sources and sensor errors ({@link io.sunsync.bench.throttle.AutonomyBenchmark}).
 * Each run is single-threaded and deterministic for its scenario and seed.
 */
package io.sunsync.bench.throttle;
