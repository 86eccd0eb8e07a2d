package io.sunsync.ground.events;

import java.time.Instant;
import java.util.Set;

/**
 * Which events an operator wants to see.
 *
 * @param minSeverity the least severity shown
 * @param sources     reporting components to show (empty: all)
 * @param codes       codes to show (empty: all)
 * @param since       earliest mission time shown, or null
 */
public record EventFilter(Severity minSeverity, Set<String> sources, Set<String> codes, Instant since) {
    public EventFilter {
        minSeverity = minSeverity == null ? Severity.INFO : minSeverity;
        sources = sources == null ? Set.of() : Set.copyOf(sources);
        codes = codes == null ? Set.of() : Set.copyOf(codes);
    }

    /** True if {@code e} passes. */
    public boolean accepts(EventRecord e) {
        return e.severity().compareTo(minSeverity) >= 0
                && (sources.isEmpty() || sources.contains(e.source()))
                && (codes.isEmpty() || codes.contains(e.code()))
                && (since == null || !e.t().isBefore(since));
    }
}
