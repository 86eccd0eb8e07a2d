package io.sunsync.flight.throttle;

import io.sunsync.hal.accel.BoardReading;
import io.sunsync.hal.thermal.ThermalReading;
import io.sunsync.hal.thermal.ThermalSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Keeps each cooling zone (a cold plate and its pumped loop) below its limit by derating the
 * boards it cools: their allowed cap falls linearly from the maximum at {@code max −
 * zoneSoftMarginC} to the minimum at {@code max − zoneHardMarginC}, judged on the zone
 * temperature extrapolated {@code zoneLookaheadS} along its smoothed trend; above that they are
 * switched off. A failed pump shows up as a rising zone, and the boards on that loop come down
 * before the fluid overheats, while the other loops' boards run on. When a zone's own sensor is
 * out, the coolest of its boards' die temperatures stands in for it (an upper bound: the dies
 * are hotter than the fluid that cools them); with no temperature at all the zone's boards are
 * held at their minimum. Zones that name no boards are left to fault protection. One trend per
 * zone; control thread only.
 */
final class ZoneGovernor {
    private final ThrottlerConfig config;
    private final Map<String, ThermalSpec.ZoneSpec> zones = new HashMap<>();
    private final Map<String, Trend> trends = new HashMap<>();
    private final Map<String, Double> lastShare = new HashMap<>();

    private static double coolestBoard(ThermalSpec.ZoneSpec spec, Map<String, BoardReading> boards) {
        double coolest = Double.NaN;
        for (String id : spec.boards()) {
            BoardReading r = boards.get(id);
            if (r != null && r.quality().usable() && Double.isFinite(r.tempC())) {
                coolest = Double.isNaN(coolest) ? r.tempC() : Math.min(coolest, r.tempC());
            }
        }
        return coolest;
    }

    private record Trend(Instant t, double tempC, double slopeCPerS) {
    }

    ZoneGovernor(ThrottlerConfig config, ThermalSpec spec) {
        this.config = config;
        for (ThermalSpec.ZoneSpec z : spec.zones()) {
            if (!z.boards().isEmpty()) {
                zones.put(z.name(), z);
            }
        }
    }

    /**
     * The share of each board's cap range its zone allows now: 1 = up to its maximum, 0 = its
     * minimum, negative = off. Boards of zones with no limit in force are absent.
     */
    Map<String, Double> limits(Instant now, ThermalReading reading, Map<String, BoardReading> boards) {
        Map<String, Double> out = new HashMap<>();
        for (ThermalReading.ZoneTemperature z : reading.zones()) {
            ThermalSpec.ZoneSpec spec = zones.get(z.name());
            if (spec == null) {
                continue;
            }
            double tempC = z.quality().usable() ? z.tempC() : Double.NaN;
            if (!Double.isFinite(tempC)) {
                // The zone's own sensor is out: its boards' dies are never cooler than the fluid that
                // cools them, so the coolest of them bounds the zone from above - a safe stand-in.
                tempC = coolestBoard(spec, boards);
            }
            if (!Double.isFinite(tempC)) {
                Double held = lastShare.get(z.name());
                double share = held == null ? 0 : Math.min(held, 0);
                for (String board : spec.boards()) {
                    out.merge(board, share, Math::min);
                }
                continue; // nothing to judge by: hold the zone at its minimum or below
            }
            Trend prev = trends.get(z.name());
            double slope = 0;
            if (prev != null) {
                double dt = Duration.between(prev.t(), now).toMillis() / 1000.0;
                slope = dt > 0 ? 0.8 * prev.slopeCPerS() + 0.2 * (tempC - prev.tempC()) / dt : prev.slopeCPerS();
            }
            trends.put(z.name(), new Trend(now, tempC, slope));
            double predicted = tempC + Math.max(0, slope) * config.zoneLookaheadS();
            double soft = spec.maxC() - config.zoneSoftMarginC();
            double hard = spec.maxC() - config.zoneHardMarginC();
            if (predicted <= soft) {
                lastShare.put(z.name(), 1.0);
                continue;
            }
            double share = predicted >= hard ? (tempC >= hard ? -1 : 0) : 1 - (predicted - soft) / (hard - soft);
            lastShare.put(z.name(), share);
            for (String board : spec.boards()) {
                out.merge(board, share, Math::min);
            }
        }
        return out;
    }
}
