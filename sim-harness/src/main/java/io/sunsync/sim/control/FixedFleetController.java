package io.sunsync.sim.control;

import io.sunsync.hal.accel.AcceleratorBoard;
import io.sunsync.hal.power.PowerSystem;
import io.sunsync.hal.thermal.ThermalControl;
import io.sunsync.sim.orbit.EclipseSeason;
import io.sunsync.sim.power.ElectricalPowerSystem;
import io.sunsync.sim.scenario.CurvePoint;
import io.sunsync.sim.scenario.Scenario;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/**
 * The static baseline, as an operator without a throttler would set it once with
 * {@code nvidia-smi -pl}: a fixed set of boards at one fixed cap, chosen so that the battery
 * carries them and the housekeeping load through the longest eclipse of the year, orbit after
 * orbit, without going below its floor (its recharge in the sunlit rest of the orbit, taper and
 * losses included, worked out with the battery's own model). The cap is the one with the best work per watt; as
 * many boards run as the eclipse energy allows, the boards left off drawing their idle power where the
 * driver cannot switch them off (the scenario's {@code actuation.disabledDrawsIdle}). Nothing changes afterwards.
 */
public final class FixedFleetController implements SimController {
    private final int boardsOn;
    private final double capW;
    private boolean applied;

    public FixedFleetController(int boardsOn, double capW) {
        this.boardsOn = boardsOn;
        this.capW = capW;
    }

    /** Sizes the fleet for {@code scenario}'s battery, loads and worst eclipse. */
    public static FixedFleetController sizedFor(Scenario s) {
        int year = s.start().atZone(ZoneOffset.UTC).getYear();
        EclipseSeason season = EclipseSeason.of(s.orbit().model(), year, 6);
        double worstEclipseH = season.longestEclipseS() / 3600.0;
        // What the battery carries through the worst eclipse of every orbit, recharging in the sunlit rest
        // (its taper and its losses included: the battery's own model, as an operator's power budget
        // would use), with 5 % of its usable energy kept above the floor.
        double sunlitS = s.orbit().model().periodS() - season.longestEclipseS();
        double essentialW = s.bus().housekeepingW() + s.thermal().loops() * s.thermal().pumpW();
        double boardsW = worstEclipseH > 0 ? carriedW(s, season.longestEclipseS(), sunlitS) - essentialW
                : Double.POSITIVE_INFINITY;
        double bestCap = bestWorkPerWattCapW(s);
        // The boards left off still draw their idle power where the driver cannot switch them off.
        double offW = s.actuation().disabledDrawsIdle() ? s.boards().idleW() : 0;
        int n = (int) Math.min(s.boards().count(), Math.floor((boardsW - s.boards().count() * offW) / (bestCap - offW)));
        if (n == s.boards().count()) {
            // Eclipse energy to spare: raise the common cap as far as it allows.
            bestCap = Math.min(s.boards().maxCapW(), boardsW / n);
        }
        return new FixedFleetController(Math.max(0, n), bestCap);
    }

    /**
     * The most the battery carries, bus side, through an eclipse of {@code eclipseS} every orbit while
     * recharging in the {@code sunlitS} between with power to spare, in its steady state, keeping 5 % of
     * its usable energy above the floor, in W.
     */
    static double carriedW(Scenario s, double eclipseS, double sunlitS) {
        double lo = 0;
        double hi = s.battery().maxDischargeW();
        for (int i = 0; i < 30; i++) {
            double mid = (lo + hi) / 2;
            if (sustains(s, mid, eclipseS, sunlitS)) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private static boolean sustains(Scenario s, double loadW, double eclipseS, double sunlitS) {
        ElectricalPowerSystem eps = new ElectricalPowerSystem(s.battery(), s.bus().nominalV());
        double floorWh = eps.floorWh() + 0.05 * (eps.capacityWh() - eps.floorWh());
        double stepS = 10;
        for (int orbit = 0; orbit < 6; orbit++) {
            for (double t = 0; t < eclipseS; t += stepS) {
                if (eps.step(Math.min(stepS, eclipseS - t), 0, loadW, 0) != ElectricalPowerSystem.BusOutcome.NORMAL
                        || eps.energyWh() < floorWh) {
                    return false;
                }
            }
            for (double t = 0; t < sunlitS; t += stepS) {
                eps.step(Math.min(stepS, sunlitS - t), loadW + s.battery().maxChargeW(), loadW, 0);
            }
        }
        return true;
    }

    /** The cap with the best work per watt on {@code s}'s curve (linear from idle to the first point, concave above), in W. */
    public static double bestWorkPerWattCapW(Scenario s) {
        double bestCap = s.boards().minCapW();
        double best = 0;
        for (CurvePoint p : s.boards().throughput()) {
            double perW = p.relative() / p.powerW();
            if (perW > best) {
                best = perW;
                bestCap = p.powerW();
            }
        }
        return bestCap;
    }

    @Override
    public String name() {
        return "static-" + boardsOn + "x" + Math.round(capW) + "W";
    }

    @Override
    public void control(Instant now, PowerSystem power, ThermalControl thermal, List<? extends AcceleratorBoard> boards) {
        if (applied) {
            return;
        }
        for (int i = 0; i < boards.size(); i++) {
            AcceleratorBoard b = boards.get(i);
            if (i < boardsOn) {
                b.setCap(b.spec().clampCapW(capW));
                b.setEnabled(true);
            } else {
                b.setEnabled(false);
            }
        }
        applied = true;
    }

    @Override
    public double periodS() {
        return 60;
    }
}
