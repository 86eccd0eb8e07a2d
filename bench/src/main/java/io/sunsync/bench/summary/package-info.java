/**
 * The benchmark suite's summary ({@code ./sunsync bench} with no name): every figure under
 * {@code bench/out/} with its target, in {@code bench/results.json} and {@code bench/results.md}
 * ({@link io.sunsync.bench.summary.BenchSummary}).
 */
package io.sunsync.bench.summary;
