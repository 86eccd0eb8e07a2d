package io.sunsync.hal.time;

import java.time.Duration;
import java.time.Instant;

/**
 * A mission clock that moves only when its owner moves it ({@link #advance}), or when the one
 * thread that waits on it asks for a later instant ({@link #awaitUntil} jumps there at once): the
 * one fake clock for the tests of anything that takes a {@link TimeSource} (hal's backends,
 * flight's scheduler, commanding, outbox and job runner). No config selects it; flight runs on
 * {@link SystemTimeSource} or the sim harness's clock. Its time is virtual.
 *
 * <p>Threading: thread safe; every method may be called from any thread.
 */
public final class ManualTimeSource implements TimeSource {
    /** Where it starts by default: the June solstice of 2027, inside the reference eclipse season. */
    public static final Instant DEFAULT_START = Instant.parse("2027-06-21T00:00:00Z");

    private Instant now;

    /** A clock at {@link #DEFAULT_START}. */
    public ManualTimeSource() {
        this(DEFAULT_START);
    }

    /** A clock at {@code start}. */
    public ManualTimeSource(Instant start) {
        this.now = start;
    }

    @Override
    public synchronized Instant now() {
        return now;
    }

    /** Jumps to {@code instant} if it is later than now; never waits. */
    @Override
    public synchronized void awaitUntil(Instant instant) {
        if (instant.isAfter(now)) {
            now = instant;
        }
    }

    /** Moves the clock forward (or back, with a negative {@code d}); returns this clock. */
    public synchronized ManualTimeSource advance(Duration d) {
        now = now.plus(d);
        return this;
    }

    /** Moves the clock by {@code s} seconds, to the millisecond; returns this clock. */
    public ManualTimeSource advanceS(double s) {
        return advance(Duration.ofMillis(Math.round(s * 1000)));
    }

    @Override
    public boolean isVirtual() {
        return true;
    }
}
