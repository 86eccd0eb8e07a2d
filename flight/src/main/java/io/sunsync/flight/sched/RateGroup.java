package io.sunsync.flight.sched;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A fixed-period group of components called in a fixed order. A component that throws is
 * logged and counted; the rest of the group still runs. A cycle whose wall time exceeds the
 * period is counted as an overrun. Driven by one {@link Scheduler} thread; the counters may be
 * read from any thread.
 */
public final class RateGroup {
    private static final Logger LOG = LoggerFactory.getLogger(RateGroup.class);

    private final String name;
    private final Duration period;
    private final List<Scheduled> members;
    private final AtomicLong cycles = new AtomicLong();
    private final AtomicLong overruns = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private volatile long lastCycleNanos;

    /**
     * @param name    group name, e.g. {@code control}
     * @param period  time between cycles (&gt; 0)
     * @param members components, called in this order
     */
    public RateGroup(String name, Duration period, List<Scheduled> members) {
        this.name = Objects.requireNonNull(name, "name");
        if (period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("rate group " + name + ": period must be > 0");
        }
        this.period = period;
        this.members = List.copyOf(members);
    }

    public String name() {
        return name;
    }

    public Duration period() {
        return period;
    }

    /** Runs every member once for the tick at {@code now}. */
    void runCycle(Instant now) {
        long start = System.nanoTime(); // wall time of the cycle, for overrun detection only
        for (Scheduled member : members) {
            try {
                member.tick(now);
            } catch (RuntimeException e) {
                failures.incrementAndGet();
                LOG.error("rate group {}: component {} failed at {}", name, member.name(), now, e);
            }
        }
        lastCycleNanos = System.nanoTime() - start;
        cycles.incrementAndGet();
        if (lastCycleNanos > period.toNanos()) {
            overruns.incrementAndGet();
            LOG.warn("rate group {} overran: {} ms for a {} ms period", name, lastCycleNanos / 1_000_000,
                    period.toMillis());
        }
    }

    /** Counters for housekeeping telemetry. */
    public Stats stats() {
        return new Stats(name, cycles.get(), overruns.get(), failures.get(), lastCycleNanos / 1e6);
    }

    /**
     * Rate group counters.
     *
     * @param name         group name
     * @param cycles       cycles run
     * @param overruns     cycles that took longer than the period (wall time)
     * @param failures     component calls that threw
     * @param lastCycleMs  wall time of the last cycle, in ms
     */
    public record Stats(String name, long cycles, long overruns, long failures, double lastCycleMs) {
    }
}
