/**
 * The job runner: the ground's jobs as real OS processes (or, in simulation, synthetic
 * workloads) on accelerator boards, crash-safe through a write-ahead journal, returning only
 * finished, checksummed results.
 *
 * <p>Start at {@link io.sunsync.flight.jobs.JobRunner}. Other components code against its
 * ports: {@link io.sunsync.flight.jobs.JobService} (command link and downlink: submit, cancel,
 * list, results) and {@link io.sunsync.flight.jobs.JobControl} (throttler: running jobs and
 * their boards; suspend, resume, checkpoint). Specs are parsed strictly by
 * {@link io.sunsync.flight.jobs.JobSpecParser}; refusals carry a
 * {@link io.sunsync.flight.jobs.JobRejectReason}. See docs/jobs.md.
 */
package io.sunsync.flight.jobs;
