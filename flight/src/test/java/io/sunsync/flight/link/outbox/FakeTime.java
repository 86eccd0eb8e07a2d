package io.sunsync.flight.link.outbox;

import io.sunsync.hal.time.TimeSource;
import java.time.Duration;
import java.time.Instant;

/** Mission time that moves only when the test says so. */
final class FakeTime implements TimeSource {
    private volatile Instant now;

    FakeTime(Instant start) {
        this.now = start;
    }

    FakeTime() {
        this(Instant.parse("2027-06-21T00:00:00Z"));
    }

    void advance(Duration d) {
        now = now.plus(d);
    }

    @Override
    public Instant now() {
        return now;
    }

    @Override
    public void awaitUntil(Instant instant) {
        if (instant.isAfter(now)) {
            now = instant;
        }
    }

    @Override
    public boolean isVirtual() {
        return true;
    }
}
