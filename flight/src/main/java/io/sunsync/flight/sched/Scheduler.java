package io.sunsync.flight.sched;

import io.sunsync.hal.time.TimeSource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Drives rate groups from the injected {@link TimeSource}: waits until the next group is due
 * and runs every group due at that instant, fastest first. On a real board waiting sleeps; in
 * simulation waiting steps the physics, so the same loop runs in virtual time, deterministic
 * and faster than real time.
 *
 * <p>Threading: {@link #run(Instant)} runs on the calling thread; {@link #requestStop()} may be
 * called from any thread.
 */
public final class Scheduler {
    private final TimeSource time;
    private final List<RateGroup> groups;
    private volatile boolean stopRequested;

    /** @param groups the rate groups; they all start at the time source's current instant */
    public Scheduler(TimeSource time, List<RateGroup> groups) {
        this.time = Objects.requireNonNull(time, "time");
        List<RateGroup> sorted = new ArrayList<>(groups);
        sorted.sort(Comparator.comparing(RateGroup::period));
        this.groups = List.copyOf(sorted);
    }

    /** The groups, fastest first. */
    public List<RateGroup> groups() {
        return groups;
    }

    /**
     * Runs until {@code until} (mission time, exclusive; {@code null} for ever) or until
     * {@link #requestStop()}.
     *
     * @throws InterruptedException if the thread is interrupted while waiting
     */
    public void run(Instant until) throws InterruptedException {
        Instant start = time.now();
        long[] ticks = new long[groups.size()];
        while (!stopRequested) {
            Instant next = null;
            for (int i = 0; i < groups.size(); i++) {
                Instant due = dueAt(start, groups.get(i).period(), ticks[i]);
                if (next == null || due.isBefore(next)) {
                    next = due;
                }
            }
            if (next == null || (until != null && !next.isBefore(until))) {
                return;
            }
            time.awaitUntil(next);
            for (int i = 0; i < groups.size(); i++) {
                if (!dueAt(start, groups.get(i).period(), ticks[i]).isAfter(next)) {
                    groups.get(i).runCycle(next);
                    ticks[i]++;
                }
            }
        }
    }

    /** Asks {@link #run(Instant)} to return after the cycle in progress. */
    public void requestStop() {
        stopRequested = true;
    }

    // Due times are computed from the start, not accumulated, so they never drift.
    private static Instant dueAt(Instant start, Duration period, long tick) {
        return start.plus(period.multipliedBy(tick));
    }
}
