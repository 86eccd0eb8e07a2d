/**
 * Job processes on Linux: {@link io.sunsync.flight.jobs.process.JobProcess} starts a job in its
 * own process group and signals the group (SIGSTOP, SIGCONT, SIGTERM, SIGKILL) or its main
 * process (SIGUSR1); {@link io.sunsync.flight.jobs.process.BoundedLog} keeps its output within
 * bounds; {@link io.sunsync.flight.jobs.process.ProcessTable} finds orphans left by a crash and
 * {@link io.sunsync.flight.jobs.process.OrphanReaper} kills them;
 * {@link io.sunsync.flight.jobs.process.ProcessDrains} stops processes (SIGTERM, then SIGKILL).
 */
package io.sunsync.flight.jobs.process;
