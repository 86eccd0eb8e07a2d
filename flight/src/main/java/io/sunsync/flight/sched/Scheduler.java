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
 * <p>A jump of the clock (a wall clock set by NTP, GPS or the ground) by more than the longest
 * period, or five seconds, is not caught up cycle by cycle (forward) nor waited out (backward): the
 * schedule starts again from the new time and the jump is reported to the
 * {@link #onClockJump listener}. Smaller differences are a late cycle caught up, or a short wait.
 *
 * <p>Threading: {@link #run(Instant)} runs on the calling thread; {@link #requestStop()} may be
 * called from any thread; the clock-jump listener is called on the scheduler's thread.
 */
public final class Scheduler {
    /** The smallest difference between the clock and the schedule taken as a jump. */
    static final Duration JUMP_MIN = Duration.ofSeconds(5);
    private final TimeSource time;
    private final List<RateGroup> groups;
    private volatile boolean stopRequested;
    private volatile ClockJumpListener jumpListener = (expected, actual) -> { };
    private volatile long clockJumps;

    /** Told when the clock jumped (on the scheduler's thread; must not block). */
    @FunctionalInterface
    public interface ClockJumpListener {
        /**
         * @param expected when the next cycle was due
         * @param actual   the clock's time when the jump was seen; the schedule restarts from it
         */
        void onClockJump(Instant expected, Instant actual);
    }

    /** @param groups the rate groups; they all start at the time source's current instant */
    public Scheduler(TimeSource time, List<RateGroup> groups) {
        this.time = Objects.requireNonNull(time, "time");
        List<RateGroup> sorted = new ArrayList<>(groups);
        sorted.sort(Comparator.comparing(RateGroup::period));
        this.groups = List.copyOf(sorted);
    }

    /** Sets who is told of clock jumps. */
    public void onClockJump(ClockJumpListener listener) {
        this.jumpListener = Objects.requireNonNull(listener, "listener");
    }

    /** Clock jumps seen since {@link #run(Instant)} began. */
    public long clockJumps() {
        return clockJumps;
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
        Duration tolerance = groups.isEmpty() ? JUMP_MIN
                : max(groups.get(groups.size() - 1).period(), JUMP_MIN);
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
            Instant now = time.now();
            if (Duration.between(now, next).compareTo(tolerance) > 0 || Duration.between(next, now).compareTo(tolerance) > 0) {
                clockJumps++;
                jumpListener.onClockJump(next, now);
                start = now;
                java.util.Arrays.fill(ticks, 0);
                continue;
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

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    // Due times are computed from the start, not accumulated, so they never drift.
    private static Instant dueAt(Instant start, Duration period, long tick) {
        return start.plus(period.multipliedBy(tick));
    }
}
