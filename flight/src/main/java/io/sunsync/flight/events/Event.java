package io.sunsync.flight.events;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One on-board event, as published on {@code sunsync/{sat}/evt}.
 *
 * @param t        mission time it happened
 * @param severity how serious
 * @param source   the component that reports it, e.g. {@code jobs}, {@code fdir}, {@code link}
 * @param code     a stable machine-readable code, e.g. {@code JOB_SUCCEEDED}, {@code BOARD_ISOLATED}
 * @param message  a short human-readable line
 * @param data     structured details (ids, values with units in the key names)
 */
public record Event(Instant t, Severity severity, String source, String code, String message,
                    Map<String, Object> data) {
    public Event {
        Objects.requireNonNull(t, "t");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
        data = data == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(data));
    }

    /** An event without structured details. */
    public static Event of(Instant t, Severity severity, String source, String code, String message) {
        return new Event(t, severity, source, code, message, Map.of());
    }
}
