package io.sunsync.hal.time;

import java.time.Duration;

/** Seconds as a {@link Duration}: configuration and physics count time in fractional seconds. */
public final class Seconds {
    private Seconds() {
    }

    /** {@code s} seconds, to the nearest nanosecond. */
    public static Duration of(double s) {
        return Duration.ofNanos(Math.round(s * 1e9));
    }
}
