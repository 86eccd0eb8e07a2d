package io.sunsync.flight.fdir;

import io.sunsync.flight.events.Event;
import io.sunsync.flight.events.EventSink;
import io.sunsync.flight.events.Severity;
import java.time.Instant;
import java.util.Map;

/**
 * A watchpoint on one quantity: classifies each sample against its {@link Limits} and changes
 * its declared state only after {@code persistence} consecutive samples agree, so a single
 * noisy sample neither raises nor clears an alarm. Reports every declared change as an event.
 * One owner (the control thread); {@link #state()} may be read from any thread.
 */
public final class LimitMonitor {
    private final String name;
    private final String unit;
    private final Limits limits;
    private final int persistence;
    private final EventSink events;
    private volatile LimitState declared = LimitState.NOMINAL;
    private LimitState candidate = LimitState.NOMINAL;
    private int count;
    private long trips;

    /**
     * @param name        quantity name for events, e.g. {@code battery.socPct}
     * @param unit        its unit, for messages
     * @param persistence consecutive samples needed to change state (≥ 1)
     */
    public LimitMonitor(String name, String unit, Limits limits, int persistence, EventSink events) {
        if (persistence < 1) {
            throw new IllegalArgumentException("persistence must be >= 1");
        }
        this.name = name;
        this.unit = unit;
        this.limits = limits;
        this.persistence = persistence;
        this.events = events;
    }

    /** Feeds one sample; returns the declared state after it. */
    public LimitState sample(Instant t, double value) {
        LimitState now = limits.classify(value);
        if (now == candidate) {
            count++;
        } else {
            candidate = now;
            count = 1;
        }
        if (candidate != declared && count >= persistence) {
            LimitState before = declared;
            declared = candidate;
            if (declared.red()) {
                trips++;
            }
            Severity severity = switch (declared) {
                case RED_LOW, RED_HIGH -> Severity.HIGH;
                case YELLOW_LOW, YELLOW_HIGH, INVALID -> Severity.LOW;
                case NOMINAL -> Severity.INFO;
            };
            events.emit(new Event(t, severity, "fdir", "LIMIT_" + declared.name(),
                    name + " " + declared + " (" + (Double.isNaN(value) ? "invalid" : String.format("%.2f %s", value, unit))
                            + ", was " + before + ")",
                    Map.of("point", name, "value", Double.isNaN(value) ? "NaN" : value, "from", before.name())));
        }
        return declared;
    }

    /** The declared state. */
    public LimitState state() {
        return declared;
    }

    /** How many times the monitor has entered a red band. */
    public long trips() {
        return trips;
    }

    /** The quantity's name. */
    public String name() {
        return name;
    }
}
