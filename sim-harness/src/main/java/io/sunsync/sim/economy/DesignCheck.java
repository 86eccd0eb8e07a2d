package io.sunsync.sim.economy;

import io.sunsync.hal.config.ConfigException;
import io.sunsync.sim.orbit.EclipseSeason;
import io.sunsync.sim.scenario.Scenario;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Whether a design can fly at all, before anyone projects a fleet of it or searches around it:
 * the battery must carry the loads that never switch off (housekeeping and the loop pumps) through
 * the longest eclipse of the year from full to its depth-of-discharge floor, and at the rate they
 * draw. A design that cannot is refused with a {@link ConfigException} that names the field and
 * the reason. (The scenario files themselves accept such batteries: tests of brown-outs and bus
 * collapses need them.) Stateless.
 */
public final class DesignCheck {
    private DesignCheck() {
    }

    /** The essential load that is always on: housekeeping and every loop's pump, in W. */
    public static double essentialW(Scenario s) {
        return s.bus().housekeepingW() + s.thermal().loops() * s.thermal().pumpW();
    }

    /** The longest eclipse of the scenario's orbit in the year of its start, in s (cylindrical shadow, hourly β). */
    public static EclipseSeason season(Scenario s) {
        return EclipseSeason.of(s.orbit().model(), s.start().atZone(ZoneOffset.UTC).getYear(), 1.0);
    }

    /** Every reason {@code s} cannot fly, each naming its field; empty when it can. */
    public static List<ConfigException> problems(Scenario s) {
        List<ConfigException> out = new ArrayList<>();
        Scenario.Battery b = s.battery();
        double essentialW = essentialW(s);
        if (b.maxDischargeW() < essentialW) {
            out.add(new ConfigException("battery.maxDischargeW", String.format(Locale.ROOT,
                    "%.0f W cannot carry housekeeping and the pumps (%.0f W) in eclipse", b.maxDischargeW(), essentialW)));
        }
        EclipseSeason season = season(s);
        if (season.longestEclipseS() > 0) {
            double neededWh = essentialW * season.longestEclipseS() / 3600.0 / b.dischargeEfficiency();
            double usableWh = b.capacityWh() * (100.0 - b.floorPct()) / 100.0;
            if (usableWh < neededWh) {
                double minCapacityWh = neededWh / ((100.0 - b.floorPct()) / 100.0);
                out.add(new ConfigException("battery.capacityWh", String.format(Locale.ROOT,
                        "%.0f Wh cannot carry housekeeping and the pumps (%.0f W) through the longest eclipse (%.1f min "
                                + "on %s at %.0f km): that takes %.0f Wh from storage, and between full and the %.0f %% "
                                + "floor the battery holds %.0f Wh; it needs at least %.0f Wh", b.capacityWh(), essentialW,
                        season.longestEclipseS() / 60, season.longestOn(), s.orbit().altitudeKm(), neededWh,
                        b.floorPct(), usableWh, Math.ceil(minCapacityWh))));
            }
        }
        return out;
    }

    /** The {@link #problems} as messages ("key: reason"). */
    public static List<String> reasons(Scenario s) {
        return problems(s).stream().map(ConfigException::getMessage).toList();
    }

    /** Throws the first of {@link #problems}, if any. */
    public static void require(Scenario s) {
        List<ConfigException> p = problems(s);
        if (!p.isEmpty()) {
            throw p.get(0);
        }
    }
}
