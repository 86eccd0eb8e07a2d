package io.sunsync.ground.telemetry;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the ground knows about housekeeping points: units, descriptions and limits. Starts from
 * built-in knowledge of the {@code tm/hk} frame (docs/icd/topics.md, hk.schema.json) with limits
 * that mirror the reference satellite's ratings; the satellite's published dictionary
 * ({@code sunsync/{sat}/dict}) then overrides units and descriptions, and limits where it gives
 * them; the operator's profile overrides limits last. A point known to none of them still gets a
 * unit from its name ({@code …W}, {@code …Pct}, {@code …C}, {@code …S}, {@code …V}, {@code …Wh}).
 * Immutable; thread safe.
 */
public final class PointCatalog {
    private final Map<String, PointSpec> points;
    private final List<PointSpec> judged;

    private PointCatalog(Map<String, PointSpec> points) {
        this.points = Collections.unmodifiableMap(points);
        List<PointSpec> j = new ArrayList<>();
        for (PointSpec s : points.values()) {
            if (!s.limits().isNone() || s.states().containsValue(Level.WARNING) || s.states().containsValue(Level.ALARM)) {
                j.add(s);
            }
        }
        this.judged = List.copyOf(j);
    }

    /**
     * Built-in knowledge of the housekeeping frame. Limits: battery state of charge warns below
     * 40 % and alarms below 35 % (the reference battery's depth-of-discharge floor); bus voltage
     * ±5 % / ±10 % of 120 V; the cold plate warns at 80 °C and alarms at 85 °C (its rated limit,
     * flight's zone monitor warns 5 °C inside it); boards warn at 80 °C and alarm at 83 °C (core
     * throttle); any isolated board or dropped message warns; power-save mode warns and safe mode
     * alarms; a reading of quality STALE warns, OUT_OF_RANGE or FAILED alarms.
     */
    public static PointCatalog builtIn() {
        Map<String, PointSpec> m = new LinkedHashMap<>();
        Map<String, Level> quality = Map.of("STALE", Level.WARNING, "OUT_OF_RANGE", Level.ALARM, "FAILED", Level.ALARM);
        Map<String, Level> modes = Map.of("POWER_SAVE", Level.WARNING, "SAFE", Level.ALARM);
        put(m, "seq", "", "frame number from 0 at flight start", null, null);
        put(m, "t", "", "mission time of the frame", null, null);
        put(m, "mode", "", "flight mode", null, modes);
        put(m, "power.arrayAvailableW", "W", "power the arrays could deliver now", null, null);
        put(m, "power.arrayW", "W", "power drawn from the arrays", null, null);
        put(m, "power.busV", "V", "main bus voltage", new Limits(108.0, 114.0, 126.0, 132.0), null);
        put(m, "power.loadW", "W", "total load", null, null);
        put(m, "power.batteryW", "W", "battery power, positive when charging", null, null);
        put(m, "power.batteryWh", "Wh", "energy stored", null, null);
        put(m, "power.socPct", "%", "battery state of charge", new Limits(35.0, 40.0, null, null), null);
        put(m, "power.sunlit", "", "true in sunlight", null, null);
        put(m, "power.quality", "", "quality of the power reading", null, quality);
        put(m, "thermal.maxZoneC", "°C", "hottest zone temperature", new Limits(-20.0, -15.0, 80.0, 85.0), null);
        put(m, "thermal.hottestZone", "", "name of the hottest zone", null, null);
        put(m, "thermal.pumpsOn", "", "loop pumps running", new Limits(null, 1.0, null, null), null);
        put(m, "thermal.quality", "", "quality of the thermal reading", null, quality);
        put(m, "boards.count", "", "accelerator boards fitted", null, null);
        put(m, "boards.enabled", "", "boards enabled", null, null);
        put(m, "boards.powerW", "W", "total board power", null, null);
        put(m, "boards.capW", "W", "sum of board power caps", null, null);
        put(m, "boards.maxTempC", "°C", "hottest board", new Limits(null, null, 80.0, 83.0), null);
        put(m, "boards.workUnits", "work units", "work done since start", null, null);
        put(m, "link.connected", "", "connected to the broker", null, null);
        put(m, "link.queued", "", "messages waiting to be sent", null, null);
        put(m, "link.sent", "", "messages acknowledged by the broker", null, null);
        put(m, "link.dropped", "", "messages dropped for lack of storage", new Limits(null, null, 0.0, null), null);
        put(m, "control.mode", "", "flight mode seen by the controller", null, modes);
        put(m, "control.modeReason", "", "why the satellite is in this mode", null, null);
        put(m, "control.budgetW", "W", "power budget for the boards", null, null);
        put(m, "control.budgetBinding", "", "the term that limited the budget", null, null);
        put(m, "control.arrayAvailableW", "W", "array power available to the planner", null, null);
        put(m, "control.housekeepingW", "W", "non-board load", null, null);
        put(m, "control.batteryPlanW", "W", "planned battery power (+ discharge, - charge)", null, null);
        put(m, "control.usableBatteryWh", "Wh", "battery energy above floor and margin", null, null);
        put(m, "control.horizonS", "s", "planning horizon", null, null);
        put(m, "control.allocatedW", "W", "board caps set", null, null);
        put(m, "control.allocBinding", "", "what limited the allocation", null, null);
        put(m, "control.boardsOn", "", "boards on", null, null);
        put(m, "control.thermalLimited", "", "boards derated for temperature", null, null);
        put(m, "control.isolated", "", "boards isolated by fault protection", new Limits(null, null, 0.0, null), null);
        put(m, "control.forecastKnown", "", "eclipse forecast available", null, null);
        put(m, "control.nextEclipse", "", "start of the next (or current) eclipse", null, null);
        put(m, "control.nextEclipseS", "s", "predicted length of the next eclipse", null, null);
        put(m, "control.expectedValue", "", "priority-weighted throughput expected", null, null);
        return new PointCatalog(m);
    }

    private static void put(Map<String, PointSpec> m, String path, String unit, String description, Limits limits,
                            Map<String, Level> states) {
        m.put(path, new PointSpec(path, unit, description, limits, states));
    }

    /**
     * This catalogue with the housekeeping points of a satellite's dictionary laid over it:
     * units and descriptions, and limits when the dictionary gives them (a {@code limits} object
     * with {@code alarmLow}, {@code warnLow}, {@code warnHigh}, {@code alarmHigh}, or {@code min} /
     * {@code max} as alarm limits). A null or malformed dictionary changes nothing.
     */
    public PointCatalog withDictionary(JsonNode dict) {
        if (dict == null || !dict.path("telemetry").isArray()) {
            return this;
        }
        Map<String, PointSpec> m = new LinkedHashMap<>(points);
        for (JsonNode stream : dict.path("telemetry")) {
            boolean hk = "hk".equals(stream.path("stream").asText()) || stream.path("topic").asText().endsWith("tm/hk");
            if (!hk) {
                continue;
            }
            for (JsonNode p : stream.path("points")) {
                String path = p.path("path").asText("");
                if (path.isEmpty()) {
                    continue;
                }
                PointSpec old = m.get(path);
                String unit = p.has("unit") ? p.path("unit").asText() : old == null ? inferUnit(path) : old.unit();
                String desc = p.has("description") ? p.path("description").asText()
                        : old == null ? "" : old.description();
                Limits limits = old == null ? Limits.NONE : old.limits();
                Limits fromDict = limitsOf(p);
                if (fromDict != null) {
                    limits = limits.overlay(fromDict);
                }
                m.put(path, new PointSpec(path, unit, desc, limits, old == null ? null : old.states()));
            }
        }
        return new PointCatalog(m);
    }

    private static Limits limitsOf(JsonNode p) {
        JsonNode l = p.path("limits");
        Double aLo = num(l, "alarmLow");
        Double wLo = num(l, "warnLow");
        Double wHi = num(l, "warnHigh");
        Double aHi = num(l, "alarmHigh");
        if (aLo == null) {
            aLo = num(p, "min");
        }
        if (aHi == null) {
            aHi = num(p, "max");
        }
        if (aLo == null && wLo == null && wHi == null && aHi == null) {
            return null;
        }
        try {
            return new Limits(aLo, wLo, wHi, aHi);
        } catch (IllegalArgumentException e) {
            return null; // inconsistent limits in a dictionary are ignored rather than trusted
        }
    }

    private static Double num(JsonNode n, String field) {
        JsonNode v = n.path(field);
        return v.isNumber() ? v.asDouble() : null;
    }

    /** This catalogue with the operator's limits laid over it (by dotted path). */
    public PointCatalog withLimits(Map<String, Limits> overrides) {
        Map<String, PointSpec> m = new LinkedHashMap<>(points);
        overrides.forEach((path, l) -> m.put(path, spec(path).withLimits(spec(path).limits().overlay(l))));
        return new PointCatalog(m);
    }

    /** The point at {@code path}: known, or with a unit inferred from its name. */
    public PointSpec spec(String path) {
        PointSpec s = points.get(path);
        return s != null ? s : new PointSpec(path, inferUnit(path), "", Limits.NONE, null);
    }

    /** Every point this catalogue knows, in order. */
    public Collection<PointSpec> known() {
        return points.values();
    }

    /**
     * The points of {@code frame} outside their limits (warnings and alarms), by dotted path, in
     * catalogue order. Only points that have limits or levelled states can be outside them, so
     * only those are looked up: cheap enough for every frame of a large fleet.
     */
    public Map<String, Level> outOfLimits(JsonNode frame) {
        Map<String, Level> out = new LinkedHashMap<>();
        Map<String, JsonNode> flat = null;
        for (PointSpec s : judged) {
            JsonNode v = JsonPaths.walk(frame, s.path());
            if (v.isMissingNode() && JsonPaths.reachesArray(frame, s.path())) {
                flat = flat == null ? JsonPaths.flatten(frame) : flat;
                v = flat.getOrDefault(s.path(), v);
            }
            Level l = judge(s.path(), v);
            if (l != Level.NOMINAL) {
                out.put(s.path(), l);
            }
        }
        return out;
    }

    /** Where {@code value} at {@code path} stands. */
    public Level judge(String path, JsonNode value) {
        PointSpec s = spec(path);
        if (value == null || value.isMissingNode() || value.isNull()) {
            return Level.NOMINAL;
        }
        if (value.isTextual() && !s.states().isEmpty()) {
            return s.states().getOrDefault(value.asText(), Level.NOMINAL);
        }
        if (s.limits().isNone()) {
            return Level.NOMINAL;
        }
        return s.limits().judge(JsonPaths.number(value));
    }

    /** The unit a point's name implies, by the project's units-in-names convention. */
    public static String inferUnit(String path) {
        String leaf = path.substring(path.lastIndexOf('.') + 1);
        if (leaf.endsWith("Wh")) {
            return "Wh";
        }
        if (leaf.endsWith("Pct")) {
            return "%";
        }
        if (leaf.endsWith("W")) {
            return "W";
        }
        if (leaf.endsWith("V")) {
            return "V";
        }
        if (leaf.endsWith("C") && leaf.length() > 1 && Character.isLowerCase(leaf.charAt(leaf.length() - 2))) {
            return "°C";
        }
        if (leaf.endsWith("Ms")) {
            return "ms";
        }
        if (leaf.endsWith("S") && leaf.length() > 1 && Character.isLowerCase(leaf.charAt(leaf.length() - 2))) {
            return "s";
        }
        return "";
    }
}
