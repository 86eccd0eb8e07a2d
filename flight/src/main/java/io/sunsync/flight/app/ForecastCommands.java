package io.sunsync.flight.app;

import com.fasterxml.jackson.databind.JsonNode;
import io.sunsync.flight.cmd.ArgSpec;
import io.sunsync.flight.cmd.CommandRegistry;
import io.sunsync.flight.cmd.CommandSpec;
import io.sunsync.flight.cmd.Outcome;
import io.sunsync.flight.throttle.EclipseForecaster;
import io.sunsync.flight.throttle.EclipseWindow;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The eclipse ephemeris uplink ({@code forecast.ephemeris}): the ground's flight dynamics
 * predicts the coming eclipse windows and the throttler plans with them instead of what it has
 * learned, which it cannot before it has seen two eclipses of a season. Kept in memory: after a
 * restart the ground uplinks again (the learned forecast covers the gap after two orbits).
 */
final class ForecastCommands {
    /** About four days of eclipses at 15 orbits a day. */
    static final int MAX_WINDOWS = 64;

    private ForecastCommands() {
    }

    static void register(CommandRegistry registry, EclipseForecaster forecaster) {
        Map<String, Object> window = Map.of("type", "object", "additionalProperties", false,
                "required", List.of("start", "end"),
                "properties", Map.of("start", Map.of("type", "string", "format", "date-time", "maxLength", 40),
                        "end", Map.of("type", "string", "format", "date-time", "maxLength", 40)));
        registry.register(CommandSpec.builder("forecast.ephemeris")
                .description("Uplinks predicted eclipse windows; the throttler plans with them while they cover the time")
                .arg(ArgSpec.array("windows", "eclipse windows in time order, each {start, end} in UTC",
                        Map.of("minItems", 0, "maxItems", MAX_WINDOWS, "items", window)))
                .execution(CommandSpec.Execution.CONTROL_LOOP)
                .check(args -> {
                    try {
                        windows(args);
                        return null;
                    } catch (IllegalArgumentException | DateTimeParseException e) {
                        return e.getMessage();
                    }
                })
                .handler(inv -> {
                    List<EclipseWindow> windows = windows(inv.args());
                    forecaster.uplink(windows);
                    return Outcome.completed(Map.of("windows", windows.size()));
                })
                .build());
    }

    /** Parses and checks the windows: each ends after it starts, in time order, not overlapping. */
    static List<EclipseWindow> windows(JsonNode args) {
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
            out.add(new EclipseWindow(start, end));
            previousEnd = end;
            i++;
        }
        return out;
    }
}
