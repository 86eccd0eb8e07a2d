/**
 * Benchmarks run by {@code ./sunsync bench} (not by the test suite): JMH microbenchmarks and
 * benchmark commands that print figures and write JSON under {@code bench/out/}.
 */
package io.sunsync.flight.bench;
