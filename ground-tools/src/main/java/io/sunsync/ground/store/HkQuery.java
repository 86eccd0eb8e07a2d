package io.sunsync.ground.store;

import java.util.List;
import java.util.Objects;

/**
 * Chosen housekeeping points of one satellite over a time range.
 *
 * @param sat    satellite id
 * @param range  mission-time range
 * @param fields dotted points ({@code power.socPct}, {@code control.budgetW}, {@code rates.housekeeping.cycles};
 *               the paths of {@link io.sunsync.ground.telemetry.JsonPaths}); at least one
 * @param limit  most rows returned (the earliest first); at least 1
 */
public record HkQuery(String sat, TimeRange range, List<String> fields, int limit) {
    /** Rows a query returns when not told: more than a day at 1 Hz. */
    public static final int DEFAULT_LIMIT = 1_000_000;

    public HkQuery {
        Objects.requireNonNull(sat, "sat");
        range = range == null ? TimeRange.ALL : range;
        fields = List.copyOf(fields);
        if (fields.isEmpty()) {
            throw new IllegalArgumentException("name at least one field");
        }
        for (String f : fields) {
            if (f.isBlank() || f.length() > 200) {
                throw new IllegalArgumentException("field '" + f + "' is not a dotted point path");
            }
        }
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be >= 1, was " + limit);
        }
    }

    /** The fields over the range, up to {@link #DEFAULT_LIMIT} rows. */
    public static HkQuery of(String sat, TimeRange range, List<String> fields) {
        return new HkQuery(sat, range, fields, DEFAULT_LIMIT);
    }
}
