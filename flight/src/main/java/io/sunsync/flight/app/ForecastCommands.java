package io.sunsync.flight.app;

import com.fasterxml.jackson.databind.JsonNode;
import io.sunsync.flight.cmd.ArgSpec;
import io.sunsync.flight.cmd.CommandRegistry;
import io.sunsync.flight.cmd.CommandSpec;
import io.sunsync.flight.cmd.FailReason;
import io.sunsync.flight.cmd.Outcome;
import io.sunsync.flight.orbit.OrbitKnowledge;
import io.sunsync.flight.throttle.EclipseWindow;
import io.sunsync.flight.throttle.ForecastSource;
import io.sunsync.orbit.ElementSet;
import io.sunsync.orbit.ElementsException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The ground's forecast uplinks. {@code forecast.ephemeris}: the ground's flight dynamics predicts
 * the coming eclipse windows (penumbra and, optionally, umbra times, with an uncertainty band) and
 * the throttler plans with them while they are fresh. {@code orbit.elements}: a TLE or CCSDS OMM
 * the satellite propagates itself, checked before acceptance (form, checksums, epoch age,
 * plausibility for this satellite). Both are stored on board and survive a restart; a refusal
 * leaves the forecast in force as it was.
 */
final class ForecastCommands {
    /** About four days of eclipses at 15 orbits a day. */
    static final int MAX_WINDOWS = 64;

    private ForecastCommands() {
    }

    /**
     * @param defaultUncertaintyS the band given to ephemeris windows when the ground states none, in s
     * @param clock               mission time (any thread)
     */
    static void register(CommandRegistry registry, OrbitKnowledge orbit, double defaultUncertaintyS,
                         Supplier<Instant> clock) {
        Map<String, Object> time = Map.of("type", "string", "format", "date-time", "maxLength", 40);
        Map<String, Object> window = Map.of("type", "object", "additionalProperties", false,
                "required", List.of("start", "end"),
                "properties", Map.of("start", time, "end", time, "umbraStart", time, "umbraEnd", time,
                        "minLitPct", Map.of("type", "number", "minimum", 0, "exclusiveMaximum", 100, "x-unit", "%",
                                "description", "the least share of the Sun's disc seen in a window that never reaches "
                                        + "the umbra (the array keeps that share of its power); 0 or absent: it may go dark")));
        registry.register(CommandSpec.builder("forecast.ephemeris")
                .description("Uplinks predicted eclipse windows; the throttler plans with them while they are fresh "
                        + "(throttler.ephemerisMaxAgeS); stored on board")
                .arg(ArgSpec.array("windows", "eclipse windows in time order, each {start, end} in UTC: first loss of "
                                + "light to full light (penumbra), with umbraStart/umbraEnd inside when known, and "
                                + "minLitPct for a grazing pass",
                        Map.of("minItems", 0, "maxItems", MAX_WINDOWS, "items", window)))
                .arg(ArgSpec.number("uncertaintyS", "how far the true times may lie outside the windows (default "
                        + "throttler.ephemerisUncertaintyS)", 0, 3600, "s").optional())
                .execution(CommandSpec.Execution.CONTROL_LOOP)
                .check(args -> {
                    try {
                        windows(args, defaultUncertaintyS);
                        return null;
                    } catch (IllegalArgumentException | DateTimeParseException e) {
                        return e.getMessage();
                    }
                })
                .handler(inv -> {
                    List<EclipseWindow> windows = windows(inv.args(), defaultUncertaintyS);
                    boolean stored = orbit.uplinkEphemeris(windows, inv.now());
                    return Outcome.completed(Map.of("windows", windows.size(), "persisted", stored));
                })
                .build());
        registry.register(CommandSpec.builder("orbit.elements")
                .description("Uplinks orbit elements (a TLE, or a CCSDS OMM in KVN or XML) the satellite propagates to "
                        + "predict its eclipses; refused with the reason if malformed, for another satellite, too old, "
                        + "from the future or implausible for this orbit; stored on board")
                .arg(ArgSpec.text("elements", "the TLE's two lines (a title line first is allowed) or the OMM's text",
                        ElementSet.MAX_TEXT_CHARS))
                .execution(CommandSpec.Execution.CONTROL_LOOP)
                .check(args -> {
                    try {
                        ElementSet.parse(args.path("elements").asText()).check(orbit.limits(), clock.get());
                        return null;
                    } catch (ElementsException e) {
                        return e.problem() + ": " + e.getMessage();
                    }
                })
                .handler(inv -> {
                    try {
                        Map<String, Object> data = orbit.accept(ElementSet.parse(inv.text("elements")), inv.now());
                        return Outcome.completed(new LinkedHashMap<>(data));
                    } catch (ElementsException e) {
                        // Passed the check at receipt, refused at execution (it aged while it waited).
                        return Outcome.failed(FailReason.INVALID_STATE, e.problem() + ": " + e.getMessage());
                    }
                })
                .build());
    }

    /** Parses and checks the windows: each ends after it starts, umbra inside, in time order, not overlapping. */
    static List<EclipseWindow> windows(JsonNode args, double defaultUncertaintyS) {
        double u = args.has("uncertaintyS") ? args.path("uncertaintyS").asDouble() : defaultUncertaintyS;
        List<EclipseWindow> out = new ArrayList<>();
        Instant previousEnd = null;
        int i = 0;
        for (JsonNode w : args.path("windows")) {
            Instant start = Instant.parse(w.path("start").asText());
            Instant end = Instant.parse(w.path("end").asText());
            if (!end.isAfter(start)) {
                throw new IllegalArgumentException("windows[" + i + "]: end must be after start");
            }
            if (previousEnd != null && start.isBefore(previousEnd)) {
                throw new IllegalArgumentException("windows[" + i + "]: overlaps or precedes the window before it");
            }
            // Without umbra times the plan takes the whole window as dark (the forecaster does not hold
            // light seen in such a window against the ephemeris: it may have been a grazing pass).
            Instant umbraStart = w.has("umbraStart") ? Instant.parse(w.path("umbraStart").asText()) : start;
            Instant umbraEnd = w.has("umbraEnd") ? Instant.parse(w.path("umbraEnd").asText()) : end;
            if (umbraStart.isBefore(start) || umbraEnd.isAfter(end) || umbraEnd.isBefore(umbraStart)) {
                throw new IllegalArgumentException("windows[" + i + "]: the umbra must lie inside the window, in order");
            }
            double minLitPct = w.path("minLitPct").asDouble(0);
            if (!(minLitPct >= 0 && minLitPct < 100)) {
                throw new IllegalArgumentException("windows[" + i + "]: minLitPct must be in [0, 100)");
            }
            if (minLitPct > 0 && w.has("umbraStart")) {
                throw new IllegalArgumentException("windows[" + i + "]: a window with an umbra goes dark (minLitPct 0)");
            }
            out.add(new EclipseWindow(start, end, umbraStart, umbraEnd, u, ForecastSource.GROUND, minLitPct / 100.0));
            previousEnd = end;
            i++;
        }
        return out;
    }
}
