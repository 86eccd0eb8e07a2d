/**
 * On-board orbit knowledge's cost on this computer ({@link io.sunsync.bench.orbit.OrbitPredictionBench},
 * {@code ./sunsync bench orbit-predict}).
 */
package io.sunsync.bench.orbit;
