package io.sunsync.hal.sysfs;

import io.sunsync.hal.time.TimeSource;
import java.time.Duration;
import java.time.Instant;

/** A time source tests move by hand. */
public final class ManualTimeSource implements TimeSource {
    private Instant now;

    public ManualTimeSource() {
        this(Instant.parse("2027-06-21T00:00:00Z"));
    }

    public ManualTimeSource(Instant start) {
        this.now = start;
    }

    @Override
    public synchronized Instant now() {
        return now;
    }

    @Override
    public synchronized void awaitUntil(Instant instant) {
        if (instant.isAfter(now)) {
            now = instant;
        }
    }

    public synchronized ManualTimeSource advance(Duration d) {
        now = now.plus(d);
        return this;
    }

    public ManualTimeSource advanceS(double s) {
        return advance(Duration.ofMillis(Math.round(s * 1000)));
    }
}
