package io.sunsync.flight.sched;

import java.time.Instant;
import java.util.Objects;
import java.util.function.Consumer;

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

    /**
     * A component with no state of its own: {@code tick} is its period's work (same contract as
     * {@link #tick}), {@code name} its name.
     */
    static Scheduled of(String name, Consumer<Instant> tick) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(tick, "tick");
        return new StatelessTask(name, tick);
    }
}
