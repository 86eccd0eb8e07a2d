package io.sunsync.sim.control;

import io.sunsync.hal.accel.AcceleratorBoard;
import io.sunsync.hal.power.PowerSystem;
import io.sunsync.hal.thermal.ThermalControl;
import io.sunsync.sim.orbit.EclipseSeason;
import io.sunsync.sim.scenario.Scenario;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/**
 * The static baseline, as an operator without a throttler would set it once with
 * {@code nvidia-smi -pl}: a fixed set of boards at one fixed cap, chosen so that the battery,
 * full at eclipse entry, carries them and the housekeeping load through the longest eclipse of
 * the year without going below its floor. The cap is the one with the best work per watt; as
 * many boards run as the eclipse energy allows. Nothing changes afterwards.
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
        Scenario.Battery b = s.battery();
        // What the battery can give in the worst eclipse: its usable capacity, or what the charge-rate
        // limit puts back in the sunlit part of an orbit, whichever is less; 5 % operator margin.
        double sunlitH = (s.orbit().model().periodS() - season.longestEclipseS()) / 3600.0;
        double storedWh = Math.min(b.capacityWh() * (100 - b.floorPct()) / 100.0,
                b.maxChargeW() * sunlitH * b.chargeEfficiency());
        double usableWh = 0.95 * storedWh * b.dischargeEfficiency();
        double essentialW = s.bus().housekeepingW() + s.thermal().loops() * s.thermal().pumpW();
        double boardsW = worstEclipseH > 0 ? Math.min(b.maxDischargeW(), usableWh / worstEclipseH) - essentialW
                : Double.POSITIVE_INFINITY;
        double bestCap = bestWorkPerWattCapW(s);
        int n = (int) Math.min(s.boards().count(), Math.floor(boardsW / bestCap));
        if (n == s.boards().count()) {
            // Eclipse energy to spare: raise the common cap as far as it allows.
            bestCap = Math.min(s.boards().maxCapW(), boardsW / n);
        }
        return new FixedFleetController(Math.max(0, n), bestCap);
    }

    /** The cap with the best work per watt on {@code s}'s curve (linear from idle to the first point, concave above), in W. */
    public static double bestWorkPerWattCapW(Scenario s) {
        double bestCap = s.boards().minCapW();
        double best = 0;
        for (Scenario.CurvePoint p : s.boards().throughput()) {
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
