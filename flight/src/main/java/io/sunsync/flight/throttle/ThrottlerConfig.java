package io.sunsync.flight.throttle;

import io.sunsync.hal.config.ConfigException;

/**
 * The {@code throttler} section of the satellite config. Missing values take the defaults in
 * brackets; see {@code docs/throttler.md} for what each one trades.
 *
 * @param controlPeriodS      control tick period, in s [1.0]
 * @param floorMarginPct      state of charge kept above the battery's depth-of-discharge floor, in % of capacity [3]
 * @param targetSocPct        state of charge to reach by the next eclipse, in % [100]
 * @param chargeEfficiency    battery charge efficiency assumed by the planner (0..1] [0.95]
 * @param dischargeEfficiency battery discharge efficiency assumed by the planner (0..1] [0.95]
 * @param dischargeMarginPct  the plan keeps this much below the battery's discharge-rate limit, so a
 *                            load it cannot see coming (a board resetting, a heater) never trips the bus, in % [3]
 * @param maxEclipseS         worst-case eclipse length assumed when none is predicted, in s [1320]
 * @param eclipseTailS        margin added after a predicted eclipse end, in s [60]
 * @param chargeLeadS         finish recharging this long before a predicted eclipse, in s [120]
 * @param chargeHorizonS      recharge over this long when no eclipse is predicted, in s [1800]
 * @param preEclipseLeadS     the least time before a predicted eclipse at which the boards come down to
 *                            the eclipse budget; the lead is the forecast's uncertainty band plus one
 *                            control period when that is longer (docs/throttler.md); must cover the
 *                            control period, in s [controlPeriodS]
 * @param checkpointLeadS     this long before an eclipse, the jobs on boards that will be off through it
 *                            are asked to checkpoint, in s [120]
 * @param capDeadbandW        raise a cap only when the new one is this much higher, in W [10]
 * @param thermalSoftMarginC  start derating a board this far below its slowdown temperature, in °C [7]
 * @param thermalHardMarginC  switch a board off this far below its slowdown temperature, in °C [2]
 * @param thermalLookaheadS   temperature trend extrapolated this far ahead, in s [30]
 * @param zoneSoftMarginC     start derating a zone's boards this far below the zone's maximum, in °C [8]
 * @param zoneHardMarginC     a zone's boards are at their minimum this far below the zone's maximum, and some
 *                            are held off from half of it below that line (all of them at the line), in °C [2]
 * @param zoneLookaheadS      zone temperature trend extrapolated this far ahead, in s [120]
 * @param zoneRestoreS        a zone that had to hold boards off releases one at most this often, while it is
 *                            below the band in which it holds them, in s [30]
 * @param boardSwitchGainPct  boards on are switched off (while their minimums fit the budget) only for a gain of
 *                            more than this in expected work: the hysteresis that keeps the budget's noise from
 *                            switching boards and suspending their jobs every few seconds, in % [0.5]
 * @param ephemerisMaxAgeS    the ground's eclipse ephemeris takes precedence over on-board prediction
 *                            this long after its uplink, in s [172800 (two days)]
 * @param ephemerisUncertaintyS uncertainty band of a ground ephemeris window that states none, in s [2]
 * @param learnedUncertaintyS uncertainty band of an eclipse extrapolated from observed ones, in s [10]
 * @param curve               throughput as a function of cap [{@link ThroughputCurve#defaultCurve()}]
 * @param chargeTaperSocPct   the battery charger's constant-voltage phase starts at this state of charge: above
 *                            it the battery takes less and less, linearly down to the termination current at
 *                            100 %, in % [85]; 100 = no taper
 * @param chargeTerminationC  the charger ends a charge when the current falls to this C-rate (a fraction of
 *                            the capacity per hour) [0.05]
 * @param arrayProbeToleranceW battery power within this of a threshold is not taken as a sign of what the
 *                            array can give (sensor noise and offset), in W [250]
 * @param arrayProbeStepW     while the array may be curtailed and the boards would take more, the estimate of
 *                            what it could give steps up this much a tick (a maximum-power-point probe); a
 *                            load change of 3/4 of it shows whether the array or the battery is the limit, in W
 *                            [2000]
 * @param grazingLitMarginPct through a grazing pass (a window that never reaches the umbra) the plan counts on
 *                            the array giving its share of the Sun's disc less this many percentage points
 *                            (the prediction's error in depth; docs/throttler.md), in % [5]; 100 = plan every
 *                            window dark
 */
public record ThrottlerConfig(Double controlPeriodS, Double floorMarginPct, Double targetSocPct,
                              Double chargeEfficiency, Double dischargeEfficiency, Double dischargeMarginPct,
                              Double maxEclipseS,
                              Double eclipseTailS, Double chargeLeadS, Double chargeHorizonS, Double preEclipseLeadS,
                              Double checkpointLeadS, Double capDeadbandW,
                              Double thermalSoftMarginC, Double thermalHardMarginC, Double thermalLookaheadS,
                              Double zoneSoftMarginC, Double zoneHardMarginC, Double zoneLookaheadS,
                              Double ephemerisMaxAgeS, Double ephemerisUncertaintyS, Double learnedUncertaintyS,
                              ThroughputCurve curve, Double chargeTaperSocPct, Double chargeTerminationC,
                              Double arrayProbeToleranceW, Double arrayProbeStepW, Double grazingLitMarginPct,
                              Double zoneRestoreS, Double boardSwitchGainPct) {
    public ThrottlerConfig {
        controlPeriodS = positive("controlPeriodS", controlPeriodS, 1.0, 3600);
        floorMarginPct = range("floorMarginPct", floorMarginPct, 3.0, 0, 50);
        targetSocPct = range("targetSocPct", targetSocPct, 100.0, 10, 100);
        chargeEfficiency = range("chargeEfficiency", chargeEfficiency, 0.95, 0.01, 1);
        dischargeEfficiency = range("dischargeEfficiency", dischargeEfficiency, 0.95, 0.01, 1);
        dischargeMarginPct = range("dischargeMarginPct", dischargeMarginPct, 3.0, 0, 50);
        maxEclipseS = positive("maxEclipseS", maxEclipseS, 1320.0, 86_400);
        eclipseTailS = range("eclipseTailS", eclipseTailS, 60.0, 0, 3600);
        chargeLeadS = range("chargeLeadS", chargeLeadS, 120.0, 0, 3600);
        chargeHorizonS = positive("chargeHorizonS", chargeHorizonS, 1800.0, 86_400);
        preEclipseLeadS = range("preEclipseLeadS", preEclipseLeadS, controlPeriodS, 0, 3600);
        checkpointLeadS = range("checkpointLeadS", checkpointLeadS, 120.0, 0, 3600);
        capDeadbandW = range("capDeadbandW", capDeadbandW, 10.0, 0, 1000);
        thermalSoftMarginC = range("thermalSoftMarginC", thermalSoftMarginC, 7.0, 0, 100);
        thermalHardMarginC = range("thermalHardMarginC", thermalHardMarginC, 2.0, 0, 100);
        thermalLookaheadS = range("thermalLookaheadS", thermalLookaheadS, 30.0, 0, 600);
        zoneSoftMarginC = range("zoneSoftMarginC", zoneSoftMarginC, 8.0, 0, 100);
        zoneHardMarginC = range("zoneHardMarginC", zoneHardMarginC, 2.0, 0, 100);
        zoneLookaheadS = range("zoneLookaheadS", zoneLookaheadS, 120.0, 0, 3600);
        ephemerisMaxAgeS = positive("ephemerisMaxAgeS", ephemerisMaxAgeS, 172_800.0, 30 * 86_400);
        ephemerisUncertaintyS = range("ephemerisUncertaintyS", ephemerisUncertaintyS, 2.0, 0, 3600);
        learnedUncertaintyS = range("learnedUncertaintyS", learnedUncertaintyS, 10.0, 0, 3600);
        if (zoneHardMarginC >= zoneSoftMarginC) {
            throw new ConfigException("zoneHardMarginC", "must be smaller than zoneSoftMarginC");
        }
        if (preEclipseLeadS < controlPeriodS) {
            throw new ConfigException("preEclipseLeadS", "must be at least controlPeriodS (" + controlPeriodS
                    + " s), or the boards may still be up when the array goes dark");
        }
        if (thermalHardMarginC >= thermalSoftMarginC) {
            throw new ConfigException("thermalHardMarginC", "must be smaller than thermalSoftMarginC");
        }
        curve = curve == null ? ThroughputCurve.defaultCurve() : curve;
        chargeTaperSocPct = range("chargeTaperSocPct", chargeTaperSocPct, 85.0, 10, 100);
        chargeTerminationC = range("chargeTerminationC", chargeTerminationC, 0.05, 0, 1);
        arrayProbeToleranceW = range("arrayProbeToleranceW", arrayProbeToleranceW, 250.0, 0, 1e6);
        arrayProbeStepW = range("arrayProbeStepW", arrayProbeStepW, 2000.0, 100, 1e6);
        grazingLitMarginPct = range("grazingLitMarginPct", grazingLitMarginPct, 5.0, 0, 100);
        zoneRestoreS = range("zoneRestoreS", zoneRestoreS, 30.0, 0, 3600);
        boardSwitchGainPct = range("boardSwitchGainPct", boardSwitchGainPct, 0.5, 0, 100);
    }

    /** How far the eclipse forecaster trusts each source. */
    public EclipseForecaster.Trust forecastTrust() {
        return new EclipseForecaster.Trust(ephemerisMaxAgeS, learnedUncertaintyS, controlPeriodS);
    }

    /** Every default. */
    public static ThrottlerConfig defaults() {
        return new ThrottlerConfig(null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null);
    }

    /**
     * Defaults at another control period, with the pre-eclipse lead's floor widened to cover it (as
     * the mission rehearsal configures flight: at least max(5 s, 2 periods); the forecast's band plus
     * a period when that is longer).
     */
    public static ThrottlerConfig withControlPeriodS(double controlPeriodS) {
        return new ThrottlerConfig(controlPeriodS, null, null, null, null, null, null, null, null, null,
                Math.max(5.0, 2 * controlPeriodS), null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null);
    }

    private static double positive(String key, Double v, double dflt, double max) {
        double x = v == null ? dflt : v;
        if (!(x > 0 && x <= max)) {
            throw new ConfigException(key, "must be in (0, " + max + "], was " + x);
        }
        return x;
    }

    private static double range(String key, Double v, double dflt, double min, double max) {
        return ConfigException.inRange(key, v, dflt, min, max);
    }
}
