package io.sunsync.ground.telemetry;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What the ground knows about one telemetry point.
 *
 * @param path        dotted path in the message, e.g. {@code power.socPct}
 * @param unit        its unit ({@code W}, {@code %}, {@code °C}; empty when it has none)
 * @param description a short description
 * @param limits      numeric limits, {@link Limits#NONE} if none
 * @param states      levels of text values (e.g. mode {@code SAFE} is an alarm); values not listed are nominal
 */
public record PointSpec(String path, String unit, String description, Limits limits, Map<String, Level> states) {
    public PointSpec {
        Objects.requireNonNull(path, "path");
        unit = unit == null ? "" : unit;
        description = description == null ? "" : description;
        limits = limits == null ? Limits.NONE : limits;
        states = states == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(states));
    }

    /** The same point with other limits. */
    public PointSpec withLimits(Limits l) {
        return new PointSpec(path, unit, description, l, states);
    }
}
