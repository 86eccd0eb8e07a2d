/**
 * The job runner's kill -9 test, shared by the test suite (a short loop) and the soak command
 * ({@code ./sunsync bench jobs-crash}): {@link io.sunsync.flight.jobs.crash.JobsCrashWorkload}
 * is a runner in a child JVM on the sim backend, {@link io.sunsync.flight.jobs.crash.JobsCrashBench}
 * kills it at random points and checks the journal and results store after every kill. It lives
 * in the main sources so the soak runs from the flight build; it needs the sim harness on the
 * class path at run time (never at compile time).
 */
package io.sunsync.flight.jobs.crash;
