/**
 * The job runner attacked and measured: kill -9 at random points of a runner in a child JVM
 * ({@link io.sunsync.bench.jobs.JobsCrashBench} driving {@link io.sunsync.bench.jobs.JobsCrashWorkload},
 * {@code ./sunsync bench jobs-crash}), and silent data corruption caught per checking mode
 * ({@link io.sunsync.bench.jobs.SdcBench}, {@code bench sdc}).
 */
package io.sunsync.bench.jobs;
