/** Benchmarks of the ground tools (run by {@code ./sunsync bench}), on the test class path. */
package io.sunsync.ground.bench;
