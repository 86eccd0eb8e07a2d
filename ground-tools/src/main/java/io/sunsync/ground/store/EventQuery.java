package io.sunsync.ground.store;

import io.sunsync.ground.events.Severity;
import java.util.Set;

/**
 * Which events to read.
 *
 * @param sats        satellites (empty: all)
 * @param range       mission-time range
 * @param minSeverity least severity
 * @param sources     reporting components (empty: all)
 * @param codes       event codes (empty: all)
 * @param limit       most events returned (the earliest first); at least 1
 */
public record EventQuery(Set<String> sats, TimeRange range, Severity minSeverity, Set<String> sources, Set<String> codes,
                         int limit) {
    public EventQuery {
        sats = sats == null ? Set.of() : Set.copyOf(sats);
        range = range == null ? TimeRange.ALL : range;
        minSeverity = minSeverity == null ? Severity.INFO : minSeverity;
        sources = sources == null ? Set.of() : Set.copyOf(sources);
        codes = codes == null ? Set.of() : Set.copyOf(codes);
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be >= 1, was " + limit);
        }
    }

    /** Every event of {@code sats} (empty: all) in {@code range}, up to 100,000. */
    public static EventQuery of(Set<String> sats, TimeRange range) {
        return new EventQuery(sats, range, Severity.INFO, Set.of(), Set.of(), 100_000);
    }
}
