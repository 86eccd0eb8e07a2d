package io.sunsync.flight.throttle;

import io.sunsync.hal.power.PowerSystemSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Turns the power state into a budget for the boards. In sunlight: what the array delivers,
 * less housekeeping, less the charging needed to reach the target state of charge by the next
 * predicted eclipse (the earliest its uncertainty band allows), spread evenly over the time left
 * (throughput is concave in power, so even spending beats bursts) and never more than the battery
 * takes at its state of charge (the charger's taper, {@link #acceptanceW}); from {@link #leadS}
 * before the predicted umbra entry, no more than the battery alone can carry (and, through a
 * grazing pass, the light the array still gives), and through the predicted entry penumbra no
 * less than that where it leaves the battery's rate limit {@link #ENTRY_HEADROOM} (the array
 * fades there, read through noise). In eclipse: the battery
 * energy above its floor plus margin, spread evenly over the time left until the latest end the
 * band allows (plus a tail margin). With
 * no prediction it assumes the worst: an eclipse of {@code maxEclipseS} could start at any
 * moment, so the battery is kept full, and an eclipse in progress lasts {@code maxEclipseS}.
 * Stateless; the forecaster passed in carries the history.
 */
public final class BudgetPlanner {
    /**
     * The share of the battery's rate limit the eclipse plan must leave free for the boards to be held
     * at it through the entry penumbra: a second of the fastest fade (2.5 kW/s on the reference array,
     * 6 % of its 40 kW limit) and the sensors' gain errors.
     */
    static final double ENTRY_HEADROOM = 0.10;
    private final ThrottlerConfig config;

    public BudgetPlanner(ThrottlerConfig config) {
        this.config = config;
    }

    /**
     * @param now             mission time
     * @param sunlit          whether the array sees the Sun
     * @param arrayAvailableW what the array could deliver now, in W
     * @param batteryEnergyWh battery energy now, in Wh
     * @param housekeepingW   non-board bus load, in W
     * @param spec            the power system's ratings
     * @param forecast        the eclipse forecast
     */
    public PowerBudget plan(Instant now, boolean sunlit, double arrayAvailableW, double batteryEnergyWh,
                            double housekeepingW, PowerSystemSpec spec, EclipseForecaster forecast) {
        return plan(now, sunlit, arrayAvailableW, batteryEnergyWh, housekeepingW, spec, forecast, 0);
    }

    /**
     * As {@link #plan(Instant, boolean, double, double, double, PowerSystemSpec, EclipseForecaster)},
     * charging in sunlight at least at {@code topOffW} (a top-off: a gauge that reads full before the
     * battery is would otherwise end the charge short of full, and the gauge recalibrates only at full).
     */
    public PowerBudget plan(Instant now, boolean sunlit, double arrayAvailableW, double batteryEnergyWh,
                            double housekeepingW, PowerSystemSpec spec, EclipseForecaster forecast, double topOffW) {
        double floorWh = spec.batteryFloorWh() + spec.batteryCapacityWh() * config.floorMarginPct() / 100.0;
        double usableWh = Math.max(0, batteryEnergyWh - floorWh);
        Optional<EclipseWindow> window = forecast.nextOrCurrent(now);
        if (sunlit) {
            double targetWh = spec.batteryCapacityWh() * config.targetSocPct() / 100.0;
            double horizonS;
            if (window.isPresent() && window.get().earliestStart().isAfter(now)) {
                horizonS = Math.max(60, seconds(now, window.get().earliestStart()) - config.chargeLeadS());
            } else {
                horizonS = config.chargeHorizonS();
            }
            double needWh = Math.max(0, targetWh - batteryEnergyWh);
            double chargeW = Math.min(acceptanceW(batteryEnergyWh, spec),
                    needWh * 3600.0 / horizonS / config.chargeEfficiency());
            chargeW = Math.max(chargeW, Math.min(topOffW, spec.maxChargeW()));
            double boards = arrayAvailableW - housekeepingW - chargeW;
            String binding = chargeW > 0 ? "RECHARGE" : "ARRAY";
            if (window.isPresent() && (seconds(now, window.get().umbraStart()) <= leadS(window.get())
                    || fadeOutrunsTick(now, window.get(), arrayAvailableW, spec))) {
                // The array may go dark before the next tick (the earliest umbra entry its band allows),
                // or is overdue to: come down to the eclipse plan now, so the load never exceeds what the
                // battery alone can carry when it does. Through the entry penumbra before that the array
                // fades over 9 s or more (the Sun's disc setting behind the limb), a fall the 1 Hz plan
                // follows from what the array gives, as it does with no forecast at all.
                double eclipseW = eclipseBoardsW(window.get(), batteryEnergyWh, housekeepingW, spec, arrayAvailableW);
                if (eclipseW < boards) {
                    boards = eclipseW;
                    binding = "PRE_ECLIPSE";
                }
            }
            double batteryW = -chargeW;
            if (window.isPresent() && window.get().minLitFraction() == 0 && !now.isBefore(window.get().start())
                    && now.isBefore(window.get().umbraStart())) {
                // Into the predicted entry penumbra the array fades to nothing over ~10 s, read through a
                // sensor's noise: the boards come down to the eclipse plan, which the battery carries from
                // here, not below it with each reading to come back up at the umbra. Only where the plan
                // leaves the battery's rate limit room for the fade: the discharge climbs with the fall a
                // tick ahead of the discharge-rate hold, and a plan at the limit tripped the fast
                // protection (7-11 times in 30 days of the season's onset).
                double eclipseW = eclipseBoardsW(window.get(), batteryEnergyWh, housekeepingW, spec, arrayAvailableW);
                if (eclipseW > boards
                        && eclipseW + housekeepingW <= (1 - ENTRY_HEADROOM) * spec.maxDischargeW()) {
                    batteryW = eclipseW + housekeepingW - arrayAvailableW;
                    boards = eclipseW;
                    binding = "ECLIPSE_ENTRY";
                }
            }
            if (batteryEnergyWh < floorWh) {
                binding = "FLOOR";
            }
            return new PowerBudget(arrayAvailableW, housekeepingW, batteryW, Math.max(0, boards), usableWh, horizonS,
                    window.isPresent(), binding);
        }
        Instant end;
        if (window.isPresent() && window.get().mayContain(now)) {
            end = window.get().latestEnd();
        } else {
            Instant entry = forecast.currentEclipseStart().orElse(now);
            end = entry.plusMillis((long) (config.maxEclipseS() * 1000));
            if (!end.isAfter(now)) {
                end = now.plusSeconds(60); // longer than the worst case: keep a minute's reserve
            }
        }
        double remainingS = seconds(now, end) + config.eclipseTailS();
        double batteryW = Math.min(maxDischargeW(spec), usableWh * 3600.0 / remainingS * config.dischargeEfficiency());
        double boards = arrayAvailableW + batteryW - housekeepingW;
        return new PowerBudget(arrayAvailableW, housekeepingW, batteryW, Math.max(0, boards), usableWh, remainingS,
                window.isPresent(), usableWh <= 0 ? "FLOOR" : "BATTERY");
    }

    /**
     * What the boards will get through {@code window} if the battery enters it holding
     * {@code batteryEnergyWh}: the usable energy spread over the eclipse's span (from its earliest
     * start to its latest end) and the tail, within the discharge-rate limit, less housekeeping,
     * plus what the array still gives at the window's darkest (a grazing pass shows part of the Sun
     * throughout: its least lit share less {@code grazingLitMarginPct}, of {@code arrayW}), in W.
     *
     * @param arrayW what the array gives in full sunlight now, in W
     */
    public double eclipseBoardsW(EclipseWindow window, double batteryEnergyWh, double housekeepingW,
                                 PowerSystemSpec spec, double arrayW) {
        double floorWh = spec.batteryFloorWh() + spec.batteryCapacityWh() * config.floorMarginPct() / 100.0;
        double usableWh = Math.max(0, batteryEnergyWh - floorWh);
        double litShare = Math.max(0, window.minLitFraction() - config.grazingLitMarginPct() / 100.0);
        return Math.min(maxDischargeW(spec), usableWh * 3600.0 / (window.spanS() + config.eclipseTailS())
                * config.dischargeEfficiency()) - housekeepingW + litShare * Math.max(0, arrayW);
    }

    /**
     * How long before {@code window}'s predicted umbra entry the boards come down to the eclipse
     * plan, in s: its uncertainty band plus one control period (the tick after this one may come too
     * late), never less than {@code preEclipseLeadS}.
     */
    public double leadS(EclipseWindow window) {
        return Math.max(config.preEclipseLeadS(), window.uncertaintyS() + config.controlPeriodS());
    }

    /**
     * Whether the array's fade through {@code window}'s entry penumbra, which begins before the next
     * tick, is too fast for the plan to follow at this control period: following it, the load runs up
     * to a period behind the array, and the battery carries the difference ({@code arrayW} × period /
     * penumbra). Over half the discharge limit (the probe's own bound) the boards come down to the
     * eclipse plan at the penumbra instead: at a 10 s period the array fell 37 kW between two ticks
     * of a 27 s penumbra and the fast protection tripped at every eclipse entry of the mission
     * rehearsal. At 1 Hz the lag is ~4 kW and the plan follows the array to the umbra.
     */
    private boolean fadeOutrunsTick(Instant now, EclipseWindow window, double arrayW, PowerSystemSpec spec) {
        if (seconds(now, window.earliestStart()) > config.controlPeriodS()) {
            return false;
        }
        double penumbraS = Math.max(config.controlPeriodS(), seconds(window.start(), window.umbraStart()));
        return Math.max(0, arrayW) * config.controlPeriodS() / penumbraS > 0.5 * maxDischargeW(spec);
    }

    /**
     * What the battery takes now, bus side, in W: its charge-rate limit up to {@code chargeTaperSocPct},
     * then falling linearly to the termination current ({@code chargeTerminationC}) at 100 % (the
     * constant-voltage phase of a CC-CV charge, whose current decays exponentially in time), 0 at full.
     *
     * @param batteryEnergyWh battery energy now, in Wh
     */
    public double acceptanceW(double batteryEnergyWh, PowerSystemSpec spec) {
        double socPct = 100.0 * batteryEnergyWh / spec.batteryCapacityWh();
        double max = spec.maxChargeW();
        double taper = config.chargeTaperSocPct();
        if (socPct <= taper) {
            return max;
        }
        if (socPct >= 100) {
            return 0;
        }
        double termW = Math.min(max, config.chargeTerminationC() * spec.batteryCapacityWh());
        return termW + (max - termW) * (100 - socPct) / (100 - taper);
    }

    /** The discharge rate the plan may use: the battery's limit less a margin for loads it can't see coming. */
    private double maxDischargeW(PowerSystemSpec spec) {
        return spec.maxDischargeW() * (1 - config.dischargeMarginPct() / 100.0);
    }

    private static double seconds(Instant from, Instant to) {
        return Duration.between(from, to).toMillis() / 1000.0;
    }
}
