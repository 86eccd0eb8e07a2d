package io.sunsync.flight.cmd;

import io.sunsync.hal.time.TimeSource;
import java.time.Duration;
import java.time.Instant;

/** A mission clock the test moves by hand. Thread safe. */
final class FakeTime implements TimeSource {
    private volatile Instant now;

    FakeTime(Instant start) {
        this.now = start;
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

    void advance(Duration d) {
        now = now.plus(d);
    }
}
