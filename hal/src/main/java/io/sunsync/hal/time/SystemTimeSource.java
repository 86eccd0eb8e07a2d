package io.sunsync.hal.time;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Wall-clock time for real boards: {@link #awaitUntil(Instant)} sleeps. Thread safe.
 */
public final class SystemTimeSource implements TimeSource {
    private final Clock clock;

    /** Uses the system UTC clock. */
    public SystemTimeSource() {
        this(Clock.systemUTC());
    }

    /** Uses {@code clock}; tests may pass a fixed or offset clock. */
    public SystemTimeSource(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Instant now() {
        return clock.instant();
    }

    @Override
    public void awaitUntil(Instant instant) throws InterruptedException {
        while (true) {
            long waitMs = Duration.between(clock.instant(), instant).toMillis();
            if (waitMs <= 0) {
                return;
            }
            Thread.sleep(waitMs);
        }
    }
}
