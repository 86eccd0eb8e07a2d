package io.sunsync.flight.throttle;

/**
 * What the array could deliver now, for planning, on power systems whose array sensor sees only
 * what flows. A shunt regulator dumps what the bus does not take, so while the array is curtailed
 * its current sensor reads the load plus the battery's charge, not the array's maximum; planning
 * on that reading alone would hand the boards only what they already draw, and every noisy low
 * reading would ratchet the budget down.
 *
 * <p>Which case holds shows in how the readings move together when the load changes: the array
 * at its limit gives the same whatever the load, so the battery absorbs a change of load (its
 * charge falls as much as the load rises); a curtailed array follows the load, so what flows
 * changes with it and the battery does not. Each sunlit tick the estimator compares the load
 * (flow less battery) and the battery with where they stood at the last judgement; once the load
 * has moved by {@code arrayProbeStepW} × 3/4 or more it judges: the battery took half the change
 * or more, the array is the limit; otherwise it is curtailed. Then:
 * <ul>
 *   <li>a backend that reports an available power above what flows sees the maximum power point: its
 *       reading is the estimate, while no more than {@link #MPP_MAX_BELOW_SHARE} of its last
 *       {@link #MPP_WINDOW} readings were below what flows (which a sensor of the maximum power point
 *       cannot read: one that does reads the flow, and its noise crosses it);</li>
 *   <li>the battery discharging in sunlight: the array gives all it can, the estimate is what flows;</li>
 *   <li>the array at its limit and the battery short of its plan: the estimate is what flows
 *       (smoothed; a jump of a probe step or more is a change, not noise, and is taken at once);</li>
 *   <li>the array at its limit and the battery getting its plan, or the array curtailed: it gives at
 *       least what flows, and the estimate holds. Following the flow down here was a ratchet: boards
 *       draw a little under their caps, so what flows fell a little every tick of a rest.</li>
 * </ul>
 * And it perturbs to observe: while the boards would take more and the battery gets what was
 * planned, the estimate steps up by {@code arrayProbeStepW} (a maximum-power-point probe); while
 * the battery gets less than planned and the array is not known to be the limit, it steps down
 * once to test — the battery taking the step back shows the array was short; the flow falling
 * instead shows the battery was (its taper), and the step is undone. After a probe finds the limit,
 * or a test finds the battery, the probe rests {@link #PROBE_HOLD_S}, unless the battery takes more
 * than planned, or gets its plan while less flows than the estimate (the boards draw under their
 * caps): that is power the plan left over, and the rest ends.
 *
 * <p>At sunrise it starts from what flows, but it remembers the most the array gave over the last
 * sunlit arc (per string online; the array comes out of the shadow colder, so it gives more): while
 * no limit has been found the probe climbs half the way to that level a tick, so the boards are back
 * at full power a few ticks after the penumbra, whatever the control period. Through the penumbra
 * itself (at most {@link #SUNRISE_CARRY_S}) the battery goes on carrying the load it carried out of
 * the eclipse rather than the boards being shed at the first dim reading.
 * Lost strings scale the estimate at once; it never exceeds the array's rating for the strings
 * online. A planner that asks the battery for more than it takes (a misjudged taper) therefore
 * costs curtailed power, never a ratchet: lowering the boards moves only the flow, which the
 * estimator reads as curtailment and holds. Control thread only.
 */
final class ArrayEstimator {
    /**
     * Readings of available power, both figures finite, over which the estimator judges whether the
     * sensor sees the maximum power point.
     */
    static final int MPP_WINDOW = 30;
    /**
     * The most of those that may read below what flows (by more than the tolerance) for the sensor to
     * be believed. A sensor that reads what flows, with noise, reads below it about as often as above:
     * believing each high reading let the estimate follow the flow (which follows the budget) plus
     * the noise, a random walk (cascading-faults' hour of 3 kW noise took the budget between 8 and
     * 64 kW and switched boards off 3,544 times). A flow sensor that reads a little high is believed,
     * as it always was: revoking that belief at every single low reading cost the 30-day onset 0.6 %
     * of its work.
     */
    static final double MPP_MAX_BELOW_SHARE = 0.25;
    /** Headroom above the rating the estimate may reach (a cold array at perihelion gives ~10 % more). */
    static final double RATING_HEADROOM = 1.15;
    /** Weight of a new reading in the smoothed one (noise on the array sensor). */
    static final double SMOOTHING = 0.3;
    /** After a test step down found the battery, not the array, to be the limit, the probe rests this long, in s. */
    static final double PROBE_HOLD_S = 60;
    /** Share of a load change the battery must absorb for the array to be judged at its limit. */
    static final double LIMIT_SHARE = 0.5;
    /** The load must move this share of a probe step before the estimator judges. */
    static final double JUDGE_SHARE = 0.75;
    /** A test step the load has not followed in this long is undone, in s. */
    static final double TEST_TIMEOUT_S = 10;
    /** The probe's step grows to at most this many times {@code arrayProbeStepW}. */
    static final double MAX_STEP_GROWTH = 8;
    /**
     * For this long after sunrise the battery may go on carrying the load it carried out of the eclipse
     * while the array comes up through the penumbra (seconds in low orbit), in s: shedding the boards at
     * the first penumbral reading only to bring them back a few seconds later preempts their jobs.
     */
    static final double SUNRISE_CARRY_S = 30;

    private final ThrottlerConfig config;
    private final double maxDischargeW;
    private double estimateW = Double.NaN;
    private double smoothedW = Double.NaN;
    private int strings = -1;
    private String basis = "NONE";
    private boolean mppSeen;
    /** Whether each of the last readings (up to {@link #MPP_WINDOW}) was below what flows. */
    private final boolean[] belowFlow = new boolean[MPP_WINDOW];
    private int nextSlot;
    private int judged;
    private int belowCount;
    private boolean arrayLimited;
    private double probeHoldS;
    private double refLoadW = Double.NaN;
    private double refBatteryW;
    private double testStepW;
    private double testAgeS;
    private double testFromW;
    private boolean probedUp;
    /** The probe's step now: doubled after each step up the array followed, back to the base at a limit. */
    private double probeStepW = Double.NaN;
    /** The most the array was judged to give over this sunlit arc, in W per string online (NaN: none yet). */
    private double arcPeakPerStringW = Double.NaN;
    /** The same over the last arc before the eclipse (NaN: none yet). */
    private double lastSunlitPerStringW = Double.NaN;
    /**
     * After an eclipse, what the array gave before it, in W: the probe climbs toward it in steps of half
     * the way (NaN once a limit is found, or without one).
     */
    private double recoveryW = Double.NaN;
    /** The load carried out of the eclipse, in W (NaN: none). */
    private double sunriseLoadW = Double.NaN;
    /** What the battery gave at the first sunlit tick, in W (≥ 0). */
    private double sunriseDischargeW;
    /** Time in sunlight since the eclipse, in s. */
    private double sinceSunriseS;

    /** @param maxDischargeW the battery's discharge-rate limit, in W (bounds a probe step's worst overshoot) */
    ArrayEstimator(ThrottlerConfig config, double maxDischargeW) {
        this.config = config;
        this.maxDischargeW = maxDischargeW;
    }

    /**
     * One tick.
     *
     * @param sunlit        whether the array sees the Sun
     * @param availableW    the reading's available array power (NaN when untrusted)
     * @param deliveredW    the reading's delivered array power (NaN when untrusted)
     * @param batteryW      battery power, + charging (NaN when untrusted)
     * @param plannedChargeW the charge the last plan asked of the battery, in W (≥ 0)
     * @param wantMore      the boards took all of the last budget (they would take more)
     * @param stringsOnline array strings delivering power
     * @param stringsTotal  array strings fitted
     * @param ratedW        the array's rating, in W
     * @param dtS           time since the last tick, in s
     * @return the array power to plan with, in W
     */
    double update(boolean sunlit, double availableW, double deliveredW, double batteryW, double plannedChargeW,
                  boolean wantMore, int stringsOnline, int stringsTotal, double ratedW, double dtS) {
        if (!sunlit) {
            // In the shadow the array gives nothing; it comes out cold and different: start afresh, but
            // remember what it gave (a cold array gives more, so that is a floor for the climb at sunrise).
            if (Double.isFinite(arcPeakPerStringW)) {
                lastSunlitPerStringW = arcPeakPerStringW;
            }
            arcPeakPerStringW = Double.NaN;
            recoveryW = Double.NaN;
            sunriseLoadW = Double.NaN;
            sinceSunriseS = 0;
            probedUp = false;
            probeHoldS = 0;
            estimateW = Double.NaN;
            smoothedW = Double.NaN;
            refLoadW = Double.NaN;
            testStepW = 0;
            arrayLimited = false;
            probeStepW = Double.NaN;
            basis = "ECLIPSE";
            return 0;
        }
        double sensed = Double.isFinite(availableW) ? availableW : deliveredW;
        if (strings > 0 && stringsOnline > 0 && stringsOnline != strings && Double.isFinite(estimateW)) {
            estimateW *= (double) stringsOnline / strings;
            smoothedW = Double.NaN;
            refLoadW = Double.NaN;
        }
        strings = stringsOnline;
        if (!Double.isFinite(sensed)) {
            basis = "HELD";
            return Double.isFinite(estimateW) ? estimateW : 0; // a bad array sensor: assume what it gave last
        }
        double tol = config.arrayProbeToleranceW();
        double ceiling = RATING_HEADROOM * ratedW * Math.max(0, stringsOnline) / Math.max(1, stringsTotal);
        if (Double.isFinite(availableW) && Double.isFinite(deliveredW)) {
            belowCount -= belowFlow[nextSlot] ? 1 : 0;
            belowFlow[nextSlot] = availableW < deliveredW - tol;
            belowCount += belowFlow[nextSlot] ? 1 : 0;
            nextSlot = (nextSlot + 1) % MPP_WINDOW;
            judged = Math.min(judged + 1, MPP_WINDOW);
            if (belowCount > MPP_MAX_BELOW_SHARE * judged) {
                mppSeen = false; // less available than flows, too often: a sensor of the flow, with noise
            } else if (availableW > deliveredW + tol) {
                mppSeen = true; // this backend sees the maximum power point: believe it
            }
        }
        if (mppSeen && Double.isFinite(availableW)) {
            estimateW = Math.min(ceiling, availableW);
            smoothedW = deliveredW;
            basis = "SENSOR";
            return estimateW;
        }
        double step = config.arrayProbeStepW();
        // Smooth the sensor's noise, not a change: a jump of a probe step or more (the array coming up at
        // sunrise, the boards moving) is taken at once.
        smoothedW = Double.isFinite(smoothedW) && Math.abs(sensed - smoothedW) < step
                ? smoothedW + SMOOTHING * (sensed - smoothedW) : sensed;
        probeHoldS = Math.max(0, probeHoldS - dtS);
        if (!Double.isFinite(estimateW)) {
            estimateW = sensed;
            sinceSunriseS = 0;
            if (Double.isFinite(lastSunlitPerStringW)) {
                recoveryW = lastSunlitPerStringW * stringsOnline;
                sunriseLoadW = Double.isFinite(batteryW) ? sensed - batteryW : Double.NaN;
                sunriseDischargeW = Double.isFinite(batteryW) ? Math.max(0, -batteryW) : 0;
            }
        } else {
            sinceSunriseS += dtS;
        }
        if (!Double.isFinite(batteryW)) {
            estimateW = Math.min(ceiling, Math.max(smoothedW, estimateW)); // the battery cannot tell: hold
            basis = "HELD";
            return estimateW;
        }
        if (!Double.isFinite(probeStepW)) {
            probeStepW = step;
        }
        double loadW = sensed - batteryW;
        if (batteryW < -tol) {
            // Drawing on the battery in sunlight: the array gives all it can. After a step up of the probe
            // that is the limit found: rest before probing again. Otherwise (the array still coming up
            // after the eclipse, or a string lost) probe again as soon as the battery gets its plan: a
            // rest here kept the boards off for the first minute of every sunrise.
            probeHoldS = probedUp ? PROBE_HOLD_S : 0;
            if (probedUp) {
                recoveryW = Double.NaN;
            }
            arrayLimited = true;
            testStepW = 0;
            probedUp = false;
            probeStepW = step;
            refLoadW = loadW;
            refBatteryW = batteryW;
            estimateW = sensed;
            if (Double.isFinite(recoveryW) && Double.isFinite(sunriseLoadW) && sinceSunriseS < SUNRISE_CARRY_S) {
                // The penumbra: the battery goes on giving what it gave as the array came up, no more (after a
                // grazing pass the load may be the whole sunlit one, far more than the battery can carry).
                estimateW = Math.max(sensed, Math.min(sunriseLoadW, sensed + sunriseDischargeW));
            }
            smoothedW = sensed;
            basis = "ARRAY_LIMITED";
            return Math.min(ceiling, estimateW);
        }
        if (!Double.isFinite(refLoadW)) {
            refLoadW = loadW;
            refBatteryW = batteryW;
        } else if (Math.abs(loadW - refLoadW) >= JUDGE_SHARE * step) {
            // Judge: did the battery absorb the load's change (the array at its limit) or the flow follow it?
            // A test step down that brought the battery up to its plan also shows the array was short.
            double absorbed = -(batteryW - refBatteryW) / (loadW - refLoadW);
            boolean limited = absorbed >= LIMIT_SHARE || (testStepW > 0 && batteryW >= plannedChargeW - tol
                    && refBatteryW < plannedChargeW - tol);
            if (testStepW > 0 && !limited) {
                estimateW = testFromW; // the test step moved only the flow: the battery is the limit
                probeHoldS = PROBE_HOLD_S;
            }
            if (probedUp && limited) {
                probeHoldS = PROBE_HOLD_S; // the probe found the limit: rest before trying again
                recoveryW = Double.NaN;
            }
            if (limited || testStepW > 0) {
                probeStepW = step; // at a limit (or testing for one) the probe starts small again
            }
            if (limited) {
                smoothedW = sensed; // what flows now is the array's limit, not a mean with what flowed below it
            }
            testStepW = 0;
            probedUp = false;
            arrayLimited = limited;
            refLoadW = loadW;
            refBatteryW = batteryW;
        } else if (testStepW > 0 && (testAgeS += dtS) > TEST_TIMEOUT_S) {
            // The load never moved (nothing to take off): undo the test, and rest. The figure from before
            // the test is ten seconds old and untested: come back up no more than the battery could carry
            // were the array to give no more than flows now (a shed fleet in a fading penumbra took 90 kW
            // back with 13 kW flowing, and the fast protection tripped); the probe climbs the rest.
            estimateW = Math.min(testFromW, smoothedW + 0.5 * maxDischargeW);
            testStepW = 0;
            probeHoldS = PROBE_HOLD_S;
        }
        if (batteryW > plannedChargeW + tol
                || (batteryW >= plannedChargeW - tol && sensed < estimateW - 2 * tol)) {
            // The battery takes more than planned, or gets its plan while less flows than the estimate:
            // power is left over (boards draw under their caps): no rest.
            probeHoldS = 0;
        }
        if (arrayLimited && batteryW < plannedChargeW - tol) {
            estimateW = smoothedW; // the array is short of the plan: it gives what flows
            basis = "ARRAY_LIMITED";
        } else if (arrayLimited) {
            estimateW = Math.max(smoothedW, estimateW); // the plan is met: hold, never follow the boards down
            basis = "ARRAY_LIMITED";
        } else {
            estimateW = Math.max(smoothedW, estimateW);
            basis = "CURTAILED";
        }
        if (testStepW == 0 && probeHoldS <= 0) {
            if (batteryW < plannedChargeW - tol && !arrayLimited) {
                // The battery gets less than planned: test whether the array is short, with a step that
                // takes the boards a whole step below what they draw now (the estimate may be far above it
                // while they are held by their own limits). Not stopped at what flows: with the battery
                // short by less than a step that moved the load by the shortfall alone, too little to
                // judge, and each try left the estimate at the flow, lower by the shortfall (a ratchet).
                testStepW = step;
                testAgeS = 0;
                testFromW = estimateW;
                estimateW = Math.max(0, Math.min(estimateW, loadW + plannedChargeW) - step);
                refLoadW = loadW;
                refBatteryW = batteryW;
                basis = "PROBE";
            } else if (batteryW >= plannedChargeW - tol && wantMore) {
                // The battery gets its plan and the boards would take more: try for it. Each step up
                // in a row is twice the last (to MAX_STEP_GROWTH times the base): after sunrise the
                // boards climb from the eclipse level to the array's limit in a few ticks whatever the
                // control period, not a base step a tick (15 min at 10 s). An overshoot shows at
                // once as the battery taking the difference, and the estimate falls back to what flows.
                // Half the way to the last arc's level, but never a step the battery could not carry if the
                // array gave nothing more than it does now (half its discharge limit).
                double toRecoveryW = Double.isFinite(recoveryW)
                        ? Math.min((recoveryW - estimateW) / 2, 0.5 * maxDischargeW) : 0;
                if (toRecoveryW <= probeStepW) {
                    recoveryW = Double.NaN;
                }
                estimateW += Math.max(probeStepW, toRecoveryW);
                probeStepW = Math.min(MAX_STEP_GROWTH * step, 2 * probeStepW);
                probedUp = true;
                refLoadW = loadW;
                refBatteryW = batteryW;
                basis = "PROBE";
            }
        }
        estimateW = Math.min(ceiling, estimateW);
        if (!basis.equals("PROBE") && stringsOnline > 0) {
            double perString = estimateW / stringsOnline;
            arcPeakPerStringW = Double.isFinite(arcPeakPerStringW) ? Math.max(arcPeakPerStringW, perString) : perString;
        }
        return estimateW;
    }

    /** What the last estimate rested on: SENSOR, ARRAY_LIMITED, CURTAILED, PROBE, HELD, ECLIPSE or NONE. */
    String basis() {
        return basis;
    }
}
