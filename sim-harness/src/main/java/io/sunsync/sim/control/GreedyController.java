package io.sunsync.sim.control;

import io.sunsync.hal.accel.AcceleratorBoard;
import io.sunsync.hal.accel.BoardReading;
import io.sunsync.hal.accel.BoardSpec;
import io.sunsync.hal.accel.BoardState;
import io.sunsync.hal.power.PowerReading;
import io.sunsync.hal.power.PowerSystem;
import io.sunsync.hal.power.PowerSystemSpec;
import io.sunsync.hal.thermal.ThermalControl;
import io.sunsync.hal.thermal.ThermalReading;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The built-in rule-based controller of {@code sim run}: a simple reference, not the flight
 * throttler. Each tick it resets hung boards, brings back boards that were switched off by
 * undervoltage or temperature once they are cool (and those it switched off itself when the
 * budget allows), and sets one common cap from a power budget:
 * in sunlight the array's output less housekeeping and the charge the battery still takes (the
 * array's output worked out from what flows, as its sensor may see nothing else: see the code);
 * in eclipse what the battery holds above its floor (plus a margin) spread over the eclipse
 * expected to remain (the last eclipse's length, 36 min before the first one is seen); shortly
 * before the next eclipse is predicted (one orbit period after the last one began) it comes
 * down to the eclipse budget already, so the bus does not brown out at shadow entry. When
 * the budget is below every board's minimum it switches boards off, lowest index last. Boards
 * near their slowdown temperature or on a loop near its limit get a smaller cap.
 * Not thread safe (one runner thread).
 */
public final class GreedyController implements SimController {
    private static final double DEFAULT_ECLIPSE_S = 36 * 60;
    private static final double FLOOR_MARGIN_PCT = 3.0;
    private static final double HOT_MARGIN_K = 6.0;

    private static final double LEAD_S = 40.0;
    /** How fast the estimate of an array whose limit is not known rises, as a share of its rating per s. */
    private static final double PROBE_PER_S = 0.01;
    /** A battery taking this much less than it would is taken to show the array's limit (sensor noise), in W. */
    private static final double PROBE_TOLERANCE_W = 300.0;
    /** The reference battery's charger holds its rate limit up to this state of charge (CC), then tapers (CV). */
    private static final double TAPER_SOC_PCT = 85.0;
    /** ... and ends a charge at this C-rate. */
    private static final double TERMINATION_C = 0.05;
    private static final double LATE_S = 300.0;

    private final double orbitPeriodHintS;
    private Instant eclipseStart;
    private Instant previousEclipseStart;
    private double lastEclipseS = DEFAULT_ECLIPSE_S;
    private boolean wasSunlit = true;
    private double arrayW = Double.NaN;

    /** A controller that learns the orbit period from successive eclipses. */
    public GreedyController() {
        this(Double.NaN);
    }

    /**
     * @param orbitPeriodHintS the orbit period, in s, to predict the second eclipse from the first
     *                         (NaN: learn it from two eclipses)
     */
    public GreedyController(double orbitPeriodHintS) {
        this.orbitPeriodHintS = orbitPeriodHintS;
    }

    @Override
    public String name() {
        return "greedy";
    }

    @Override
    public void control(Instant now, PowerSystem power, ThermalControl thermal, List<? extends AcceleratorBoard> boards) {
        PowerReading p = power.read();
        PowerSystemSpec ps = power.spec();
        ThermalReading th = thermal.read();
        boolean sunlit = p.sunlit();
        if (!sunlit && wasSunlit) {
            previousEclipseStart = eclipseStart;
            eclipseStart = now;
        } else if (sunlit && !wasSunlit && eclipseStart != null) {
            lastEclipseS = Duration.between(eclipseStart, now).toMillis() / 1000.0;
        }
        wasSunlit = sunlit;
        if (!sunlit) {
            arrayW = Double.NaN; // the array comes out of the shadow cold and different: estimate afresh
        }

        List<AcceleratorBoard> usable = new ArrayList<>();
        List<BoardReading> usableReadings = new ArrayList<>();
        double boardsDrawW = 0;
        double hottestLoopMarginK = Double.POSITIVE_INFINITY;
        for (ThermalReading.ZoneTemperature z : th.zones()) {
            for (var spec : thermal.spec().zones()) {
                if (spec.name().equals(z.name()) && z.quality().usable()) {
                    hottestLoopMarginK = Math.min(hottestLoopMarginK, spec.maxC() - z.tempC());
                }
            }
        }
        for (AcceleratorBoard b : boards) {
            BoardReading r = b.read();
            if (Double.isFinite(r.powerW())) {
                boardsDrawW += r.powerW();
            }
            switch (r.state()) {
                case HUNG -> b.reset();
                case DISABLED -> {
                    if (r.tempC() < b.spec().slowdownTempC() - 2 * HOT_MARGIN_K) {
                        usable.add(b);
                        usableReadings.add(r);
                    }
                }
                case ENABLED -> {
                    usable.add(b);
                    usableReadings.add(r);
                }
                default -> {
                }
            }
        }
        double essentialW = Double.isFinite(p.loadPowerW()) ? Math.max(0, p.loadPowerW() - boardsDrawW) : 3000;
        double socPct = Double.isFinite(p.batterySocPct()) ? p.batterySocPct() : ps.batteryFloorPct();
        double budgetW;
        if (sunlit && !eclipseDueWithin(now, LEAD_S + periodS())) {
            // The array sensor may see only what flows (the shunt dumps what the bus does not take), so
            // what the array could give is estimated: what flows while the battery shows the array is the
            // limit (discharging in sunlight, or charging under its rate limit below the charge taper);
            // otherwise at least what flows, asking a little more each tick (perturb and observe) until
            // the battery starts to carry the load. The charge reserved is what the battery takes: its
            // rate limit, less in the taper of the reference charger.
            double flowW = Double.isFinite(p.arrayAvailableW()) ? p.arrayAvailableW() : 0.0;
            double battW = Double.isFinite(p.batteryPowerW()) ? p.batteryPowerW() : 0.0;
            double termW = Math.min(ps.maxChargeW(), TERMINATION_C * ps.batteryCapacityWh());
            double chargeW = socPct >= 99.5 ? 0.0 : socPct <= TAPER_SOC_PCT ? ps.maxChargeW()
                    : termW + (ps.maxChargeW() - termW) * (100 - socPct) / (100 - TAPER_SOC_PCT);
            boolean arrayLimited = battW < Math.max(0, chargeW) - PROBE_TOLERANCE_W;
            double stepW = PROBE_PER_S * ps.ratedArrayW() * periodS();
            arrayW = Double.isNaN(arrayW) || arrayLimited ? flowW : Math.max(flowW, arrayW + stepW);
            budgetW = arrayW - essentialW - chargeW;
        } else if (sunlit) {
            // An eclipse is due before the next tick or two: come down to what the battery can carry
            // for the whole eclipse now, or the bus browns out at shadow entry.
            double spareWh = (socPct - ps.batteryFloorPct() - FLOOR_MARGIN_PCT) / 100.0 * ps.batteryCapacityWh();
            budgetW = Math.min(0.9 * ps.maxDischargeW(), Math.max(0, spareWh) * 3600.0 / lastEclipseS) - essentialW;
        } else {
            double elapsed = eclipseStart == null ? 0 : Duration.between(eclipseStart, now).toMillis() / 1000.0;
            double remainingS = Math.max(60.0, lastEclipseS - elapsed);
            double spareWh = (socPct - ps.batteryFloorPct() - FLOOR_MARGIN_PCT) / 100.0 * ps.batteryCapacityWh();
            double dischargeW = Math.min(0.9 * ps.maxDischargeW(), Math.max(0, spareWh) * 3600.0 / remainingS);
            budgetW = dischargeW - essentialW;
        }
        if (hottestLoopMarginK < HOT_MARGIN_K) {
            budgetW *= 0.8;
        }
        allocate(Math.max(0, budgetW), usable, usableReadings);
    }

    /** True when the next eclipse is predicted to start within {@code seconds} of {@code now}. */
    private boolean eclipseDueWithin(Instant now, double seconds) {
        if (eclipseStart == null) {
            return false;
        }
        double period = previousEclipseStart != null
                ? Duration.between(previousEclipseStart, eclipseStart).toMillis() / 1000.0 : orbitPeriodHintS;
        if (!(period > 0)) {
            return false;
        }
        double since = Duration.between(eclipseStart, now).toMillis() / 1000.0;
        if (since >= period - seconds && since <= period + LATE_S) {
            return true; // due, or late: hold the eclipse budget until the shadow comes (or clearly will not)
        }
        double untilNext = period - since % period;
        return untilNext <= seconds;
    }

    private static void allocate(double budgetW, List<AcceleratorBoard> usable, List<BoardReading> readings) {
        if (usable.isEmpty()) {
            return;
        }
        BoardSpec s = usable.get(0).spec();
        int n = usable.size();
        int on = (int) Math.min(n, Math.floor(budgetW / s.minCapW()));
        double cap = on == 0 ? s.minCapW() : s.clampCapW(budgetW / on);
        for (int i = 0; i < n; i++) {
            AcceleratorBoard b = usable.get(i);
            if (i < on) {
                double c = cap;
                BoardReading r = readings.get(i);
                if (r.state() == BoardState.DISABLED) {
                    b.setEnabled(true);
                }
                if (r.tempC() > b.spec().slowdownTempC() - HOT_MARGIN_K) {
                    c = b.spec().clampCapW(c * 0.8);
                }
                b.setCap(c);
            } else if (readings.get(i).state() != BoardState.DISABLED) {
                b.setEnabled(false);
            }
        }
    }
}
