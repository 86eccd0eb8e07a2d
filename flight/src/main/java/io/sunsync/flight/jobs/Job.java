package io.sunsync.flight.jobs;

import io.sunsync.flight.jobs.process.JobProcess;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The runtime side of a job: its durable record (the latest one journaled, plus the work and
 * energy counted since) and what only lives in memory: its process, the boards' work counters
 * last seen, a pending checkpoint's deadline, the jobs it preempted.
 *
 * <p>Threading: not thread-safe; owned by the job runner and used under its lock.
 */
final class Job {
    JobRecord rec;
    JobProcess process;
    /** Each board's work counter at the last tick (work is counted as its increase). */
    final Map<String, Double> lastWork = new HashMap<>();
    long checkpointDeadlineNanos;
    boolean preempting;
    boolean checkpointSignalled;
    boolean storeRetrying;
    Instant lastProgressAt;
    /** Jobs preempted for this one that are still letting go of their boards. */
    final Set<String> victims = new LinkedHashSet<>();

    Job(JobRecord rec) {
        this.rec = rec;
    }

    String id() {
        return rec.id();
    }

    JobSpec spec() {
        return rec.spec();
    }
}
