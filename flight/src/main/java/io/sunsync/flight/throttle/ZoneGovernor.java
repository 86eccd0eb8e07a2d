package io.sunsync.flight.throttle;

import io.sunsync.hal.accel.BoardReading;
import io.sunsync.hal.accel.BoardState;
import io.sunsync.hal.thermal.ThermalReading;
import io.sunsync.hal.thermal.ThermalSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Keeps each cooling zone (a cold plate and its pumped loop) below its limit by derating the
 * boards it cools, then by switching some of them off.
 *
 * <p>Caps first: the boards' allowed cap falls linearly from the maximum at {@code max −
 * zoneSoftMarginC} to the minimum at {@code max − zoneHardMarginC}, judged on the zone
 * temperature extrapolated {@code zoneLookaheadS} along its trend. A zone that its boards at
 * their minimum still heat past {@code max − zoneHardMarginC} (a failed pump) can carry only some
 * of them: the governor then holds off as many boards as it takes, the hottest first, and keeps
 * those off. How many may stay on falls linearly from all at half the hard margin below the hard
 * line to none at the line, on the zone temperature smoothed over {@link #SMOOTHING_S} (a sensor's
 * noise there must not switch anything); boards are held off at once, within a board of that
 * count, and released one at a time, no more often than {@code zoneRestoreS}, while the zone is
 * below that band. Holding the same few boards off does in space what switching all of them on and
 * off together would do in time, without cycling every board and suspending every job each few
 * seconds (the previous rule, off at the line and back on below it, switched 48 boards every 3 to
 * 12 s for 20 hours after a pump failure: docs/throttler.md §4). A zone reading a quarter of
 * the hard margin past the line holds every board off at once.
 *
 * <p>When a zone's own sensor is out, the coolest of its boards' die temperatures stands in for it
 * (an upper bound: the dies are hotter than the fluid that cools them); with no temperature at
 * all the zone's boards are held at their minimum, and those held off stay off. Zones that name no
 * boards are left to fault protection. Control thread only.
 */
final class ZoneGovernor {
    /** Time constant of the smoothing of a zone's temperature for the count of boards on, in s. */
    static final double SMOOTHING_S = 10;
    private final ThrottlerConfig config;
    private final Map<String, ThermalSpec.ZoneSpec> zones = new HashMap<>();
    private final Map<String, Zone> state = new HashMap<>();

    /** One zone's trend, smoothed temperature and the boards it holds off (oldest first). */
    private static final class Zone {
        Instant t;
        double tempC;
        double smoothC = Double.NaN;
        double slopeCPerS;
        double share = 1;
        final Set<String> held = new LinkedHashSet<>();
        Instant lastRelease;
    }

    ZoneGovernor(ThrottlerConfig config, ThermalSpec spec) {
        this.config = config;
        for (ThermalSpec.ZoneSpec z : spec.zones()) {
            if (!z.boards().isEmpty()) {
                zones.put(z.name(), z);
                state.put(z.name(), new Zone());
            }
        }
    }

    private static double coolestBoard(ThermalSpec.ZoneSpec spec, Map<String, BoardReading> boards) {
        double coolest = Double.NaN;
        for (String id : spec.boards()) {
            BoardReading r = boards.get(id);
            if (r != null && r.quality().usable() && Double.isFinite(r.trustedTempC())) {
                coolest = Double.isNaN(coolest) ? r.trustedTempC() : Math.min(coolest, r.trustedTempC());
            }
        }
        return coolest;
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
            Zone zone = state.get(z.name());
            double tempC = z.quality().usable() ? z.tempC() : Double.NaN;
            if (!Double.isFinite(tempC)) {
                // The zone's own sensor is out: its boards' dies are never cooler than the fluid that
                // cools them, so the coolest of them bounds the zone from above - a safe stand-in.
                tempC = coolestBoard(spec, boards);
            }
            if (!Double.isFinite(tempC)) {
                zone.share = Math.min(zone.share, 0);
                put(out, spec, zone, zone.share); // nothing to judge by: hold the zone at its minimum or below
                continue;
            }
            track(zone, now, tempC);
            double predicted = tempC + Math.max(0, zone.slopeCPerS) * config.zoneLookaheadS();
            double soft = spec.maxC() - config.zoneSoftMarginC();
            double hard = spec.maxC() - config.zoneHardMarginC();
            zone.share = predicted <= soft ? 1 : predicted >= hard ? 0 : 1 - (predicted - soft) / (hard - soft);
            holdOff(zone, spec, now, tempC, hard, boards);
            if (zone.share < 1 || !zone.held.isEmpty()) {
                put(out, spec, zone, zone.share);
            }
        }
        return out;
    }

    private static void put(Map<String, Double> out, ThermalSpec.ZoneSpec spec, Zone zone, double share) {
        for (String board : spec.boards()) {
            out.merge(board, zone.held.contains(board) ? -1.0 : share, Math::min);
        }
    }

    private static void track(Zone zone, Instant now, double tempC) {
        if (zone.t == null) {
            zone.smoothC = tempC;
        } else {
            double dt = Duration.between(zone.t, now).toMillis() / 1000.0;
            if (dt > 0) {
                zone.slopeCPerS = 0.8 * zone.slopeCPerS + 0.2 * (tempC - zone.tempC) / dt;
                zone.smoothC += Math.min(1, dt / SMOOTHING_S) * (tempC - zone.smoothC);
            }
        }
        zone.t = now;
        zone.tempC = tempC;
    }

    /** Holds off or releases boards so that the count on matches what the zone can carry. */
    private void holdOff(Zone zone, ThermalSpec.ZoneSpec spec, Instant now, double tempC, double hard,
                         Map<String, BoardReading> boards) {
        double bandC = config.zoneHardMarginC() / 2;
        List<BoardReading> on = new ArrayList<>();
        for (String id : spec.boards()) {
            BoardReading r = boards.get(id);
            if (r != null && r.state() == BoardState.ENABLED && !zone.held.contains(id)) {
                on.add(r);
            }
        }
        double carried = tempC >= hard + bandC / 2 ? 0
                : spec.boards().size() * Math.max(0, Math.min(1, (hard - zone.smoothC) / bandC));
        if (on.size() > carried + 1 || (carried == 0 && !on.isEmpty())) {
            // hottest first: they are the nearest their own limits, and the coolest keep working
            on.sort(Comparator.comparingDouble((BoardReading r) -> Double.isFinite(r.trustedTempC()) ? r.trustedTempC() : 1e9)
                    .reversed());
            int keep = (int) Math.ceil(carried);
            for (int i = 0; i < on.size() - keep; i++) {
                zone.held.add(on.get(i).boardId());
            }
            zone.lastRelease = now; // a cut restarts the wait before the next release
            return;
        }
        if (!zone.held.isEmpty() && zone.smoothC < hard - bandC && (zone.lastRelease == null
                || Duration.between(zone.lastRelease, now).toMillis() >= config.zoneRestoreS() * 1000)) {
            String first = zone.held.iterator().next();
            zone.held.remove(first);
            zone.lastRelease = now;
        }
    }
}
