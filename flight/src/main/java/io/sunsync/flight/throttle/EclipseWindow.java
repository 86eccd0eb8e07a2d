package io.sunsync.flight.throttle;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A predicted (or observed) eclipse.
 *
 * @param start when the array goes dark
 * @param end   when it sees the Sun again (after {@code start})
 */
public record EclipseWindow(Instant start, Instant end) {
    public EclipseWindow {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (!end.isAfter(start)) {
            throw new IllegalArgumentException("an eclipse ends after it starts: " + start + " .. " + end);
        }
    }

    /** Length, in s. */
    public double durationS() {
        return Duration.between(start, end).toMillis() / 1000.0;
    }

    /** True if {@code t} lies inside the window. */
    public boolean contains(Instant t) {
        return !t.isBefore(start) && t.isBefore(end);
    }
}
