package io.sunsync.flight.sched;

import java.time.Instant;

/** A component a rate group calls once per period, on the scheduler thread. */
public interface Scheduled {

    /** A short name for telemetry and logs. */
    String name();

    /**
     * Does one period's work. Must not block on I/O that can stall (hand it to another thread).
     *
     * @param now the mission time of this tick
     */
    void tick(Instant now);
}
