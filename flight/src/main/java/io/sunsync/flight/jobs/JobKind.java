package io.sunsync.flight.jobs;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What runs a job: a real OS process, or (in simulation) a synthetic workload. */
public enum JobKind {
    /** An OS process started from {@link ProcessSpec#command()} on its boards. */
    @JsonProperty("process") PROCESS,
    /**
     * No process: progress is the work its boards deliver (their {@code workUnits}), so the
     * throttler's caps show up as job progress. Needs boards that measure work (the sim).
     */
    @JsonProperty("synthetic") SYNTHETIC
}
