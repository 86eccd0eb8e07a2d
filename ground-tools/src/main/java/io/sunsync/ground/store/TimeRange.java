package io.sunsync.ground.store;

import java.time.Instant;

/**
 * A closed interval of mission time, [{@code from}, {@code to}]; either end may be open (null).
 *
 * @param from earliest instant included, or null
 * @param to   latest instant included, or null
 */
public record TimeRange(Instant from, Instant to) {
    /** Everything. */
    public static final TimeRange ALL = new TimeRange(null, null);

    public TimeRange {
        if (from != null && to != null && to.isBefore(from)) {
            throw new IllegalArgumentException("the range ends (" + to + ") before it starts (" + from + ")");
        }
    }

    /** [{@code from}, {@code to}]. */
    public static TimeRange of(Instant from, Instant to) {
        return new TimeRange(from, to);
    }

    /** True if {@code t} lies in the range. */
    public boolean contains(Instant t) {
        return (from == null || !t.isBefore(from)) && (to == null || !t.isAfter(to));
    }
}
