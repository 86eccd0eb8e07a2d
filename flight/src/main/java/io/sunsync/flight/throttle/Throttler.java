package io.sunsync.flight.throttle;

import io.sunsync.flight.actuate.BoardActuator;
import io.sunsync.flight.actuate.BoardCommand;
import io.sunsync.flight.actuate.BoardPlan;
import io.sunsync.flight.sample.HardwareSnapshot;
import io.sunsync.flight.sched.Scheduled;
import io.sunsync.hal.HalFault;
import io.sunsync.hal.accel.AcceleratorBoard;
import io.sunsync.hal.accel.BoardReading;
import io.sunsync.hal.accel.BoardSpec;
import io.sunsync.hal.accel.BoardState;
import io.sunsync.hal.power.PowerReading;
import io.sunsync.hal.power.PowerSystem;
import io.sunsync.hal.power.PowerSystemSpec;
import io.sunsync.hal.thermal.ThermalSpec;
import io.sunsync.hal.time.Seconds;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;
import java.util.function.DoubleSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The power-aware throttler, one control tick at a time: read the power system and the boards,
 * update the eclipse forecast, plan the budget, limit each board thermally, allocate caps for
 * the work waiting, and apply them - decreases at once, increases only past a deadband, so caps
 * don't chatter. The tick's commands go out together through the {@link BoardActuator}
 * (concurrently, the tick waiting at most its budget; failures become {@code BOARD_COMMAND_FAILED}
 * events). Boards switched off are reported to the {@link Workload} so their jobs can be
 * suspended. Runs on the scheduler's control thread; {@link #lastDecision()} may be read from
 * any thread.
 */
public final class Throttler implements Scheduled {
    /** The origin of the throttler's board plans. */
    static final String ORIGIN = "throttler";
    private final ThrottlerConfig config;
    private final PowerSystem power;
    private final List<AcceleratorBoard> boards;
    private final Supplier<HardwareSnapshot> snapshots;
    private final Predicate<String> available;
    private final BooleanSupplier gaugeTrusted;
    private final DoubleSupplier capacityWh;
    private final List<BoardSpec> specs;
    private final Workload workload;
    private final BoardActuator actuator;
    private final Supplier<ModePolicy> mode;
    private final EclipseForecaster forecaster;
    private final BudgetPlanner planner;
    private final ThermalGovernor governor;
    private final ZoneGovernor zones;
    private final Allocator allocator = new Allocator();
    private final BatteryEstimator battery = new BatteryEstimator();
    private final boolean[] shed;
    private final Map<String, Double> ceilingsW = new java.util.concurrent.ConcurrentHashMap<>();
    private final HousekeepingEstimator housekeeping;
    private final ArrayEstimator array;
    private double plannedChargeW;
    /** What a board switched off still draws, measured, in W (NaN until one has been seen off). */
    private double offDrawW = Double.NaN;
    /** What the last allocation left for the boards it switched off, in W. */
    private double offReserveW;
    private boolean fullSeen;
    private Instant lastTick;
    private volatile ThrottleDecision lastDecision;
    private volatile double plannedEnergyWh = Double.NaN;
    private Instant warnedFor;
    /** Until when the fast power protection holds the budget down after a trip (null: no hold). */
    private volatile Instant holdUntil;
    /** The boards' budget on the last tick in the shadow, in W, and when the Sun came back (null: dark or never). */
    private double darkBoardsW;
    private Instant sunriseAt;

    /**
     * @param thermalSpec the cooling zones and the boards each cools (for the zone governor)
     * @param snapshots  this tick's readings (from the sampler that runs before the throttler)
     * @param available  false for a board fault protection has isolated
     * @param gaugeTrusted false while fault protection judges the battery gauge stuck
     * @param capacityWh the battery capacity fault protection has established, in Wh
     * @param actuator   sends the tick's commands to the boards
     */
    public Throttler(ThrottlerConfig config, PowerSystem power, ThermalSpec thermalSpec, List<AcceleratorBoard> boards,
                     Supplier<HardwareSnapshot> snapshots, Predicate<String> available, BooleanSupplier gaugeTrusted,
                     DoubleSupplier capacityWh, Workload workload, BoardActuator actuator, Supplier<ModePolicy> mode) {
        this.config = config;
        this.power = power;
        this.boards = List.copyOf(boards);
        this.snapshots = snapshots;
        this.available = available;
        this.gaugeTrusted = gaugeTrusted;
        this.capacityWh = capacityWh;
        this.specs = this.boards.stream().map(AcceleratorBoard::spec).toList();
        this.workload = workload;
        this.actuator = actuator;
        this.mode = mode;
        this.forecaster = new EclipseForecaster(config.forecastTrust());
        this.planner = new BudgetPlanner(config);
        this.governor = new ThermalGovernor(config);
        this.zones = new ZoneGovernor(config, thermalSpec);
        this.shed = new boolean[boards.size()];
        this.housekeeping = new HousekeepingEstimator(0.25 * power.spec().ratedArrayW());
        this.array = new ArrayEstimator(config, power.spec().maxDischargeW());
    }

    /**
     * The charge kept up once the gauge reads the target, until the battery refuses it (full): a gauge
     * that reads full early would otherwise end the charge short of full, where it recalibrates. In W.
     */
    private double topOffW(boolean sunlit, double socPct, double batteryW, PowerSystemSpec spec) {
        double target = config.targetSocPct();
        if (!sunlit || socPct < target - 2) {
            fullSeen = false;
            return 0;
        }
        if (socPct < target - 0.5) {
            return 0;
        }
        double termW = config.chargeTerminationC() * spec.batteryCapacityWh();
        if (!fullSeen && plannedChargeW >= termW && Double.isFinite(batteryW)
                && batteryW < config.arrayProbeToleranceW()) {
            fullSeen = true; // asked to take the termination current and took none: the charger says full
        }
        return fullSeen ? 0 : termW;
    }

    /** What the array estimate rested on at the last tick (see {@link ArrayEstimator#basis()}). */
    public String arrayBasis() {
        return array.basis();
    }

    @Override
    public String name() {
        return "throttler";
    }

    /** The forecaster (for the ephemeris uplink command and telemetry). */
    public EclipseForecaster forecaster() {
        return forecaster;
    }

    /** Whether a budget with this binding is what the array gives (less housekeeping and the charge). */
    private static boolean arrayBound(String binding) {
        return "ARRAY".equals(binding) || "RECHARGE".equals(binding) || "FLOOR".equals(binding)
                || "ECLIPSE_TAIL".equals(binding);
    }

    /** How long before {@code window}'s predicted umbra entry the boards come down to the eclipse plan, in s. */
    public double leadS(EclipseWindow window) {
        return planner.leadS(window);
    }

    /** Battery energy the planner used on the last tick, in Wh (an estimate while the gauge is bad). */
    public double plannedEnergyWh() {
        return plannedEnergyWh;
    }

    /**
     * An operator ceiling on a board's cap, in W, held until the next one; at or above the
     * board's maximum it is cleared. Any thread.
     */
    public void setCeiling(String boardId, double capW) {
        for (BoardSpec s : specs) {
            if (s.id().equals(boardId)) {
                if (capW >= s.maxCapW()) {
                    ceilingsW.remove(boardId);
                } else {
                    ceilingsW.put(boardId, capW);
                }
                return;
            }
        }
        throw new IllegalArgumentException("no board " + boardId);
    }

    /** Operator ceilings in force, board id to W. */
    public Map<String, Double> ceilings() {
        return Map.copyOf(ceilingsW);
    }

    /**
     * The fast power protection has shed the boards at {@code tripAt}: for {@code holdS} the
     * budget is no more than the battery alone can carry through an eclipse starting now (the
     * predicted one, or the worst case), so boards do not come back into the array's last watts.
     * Any thread.
     */
    public void holdDown(Instant tripAt, double holdS) {
        holdUntil = tripAt.plus(Seconds.of(holdS));
    }

    /** The last decision, or null before the first tick. */
    public ThrottleDecision lastDecision() {
        return lastDecision;
    }

    @Override
    public void tick(Instant now) {
        double dtS = lastTick == null ? config.controlPeriodS() : Duration.between(lastTick, now).toMillis() / 1000.0;
        lastTick = now;
        HardwareSnapshot snap = snapshots.get();
        PowerReading p = snap.power();
        int n = boards.size();
        BoardReading[] readings = snap.boards().toArray(new BoardReading[0]);
        double boardsDrawW = snap.boardsPowerW();
        boolean sunlit = p.sunlit();
        forecaster.observe(now, sunlit);
        double hkW = housekeeping.current();
        double capacity = Math.min(capacityWh.getAsDouble(), power.spec().batteryCapacityWh());
        double energyWh = battery.update(p, gaugeTrusted.getAsBoolean(), capacity, boardsDrawW, hkW, dtS);
        plannedEnergyWh = energyWh;
        hkW = housekeeping.update(HalFault.trusted(p.faults(), "loadPowerW", p.loadPowerW()) ? p.loadPowerW() - boardsDrawW : Double.NaN);
        PowerSystemSpec spec = power.spec();
        if (capacity < spec.batteryCapacityWh()) {
            spec = new PowerSystemSpec(spec.ratedArrayW(), capacity, spec.batteryFloorPct(), spec.maxChargeW(),
                    spec.maxDischargeW(), spec.nominalBusV());
        }
        double socPct = 100.0 * energyWh / spec.batteryCapacityWh();
        ThrottleDecision last = lastDecision;
        // The boards would take more when they took all of the budget that was theirs to take (less what
        // the boards switched off still draw) and that budget was the array's. One held below it by another
        // limit (the eclipse plan, a protection hold, the discharge rate) is no test of the array: raising
        // the estimate would not raise the load, and the probe climbed unverified to the array's rating
        // (119.7 kW while it gave 50 kW in a grazing pass), which the boards then took when the hold ended.
        boolean wantMore = last == null || (arrayBound(last.budget().binding())
                && last.allocatedW() >= 0.98 * (last.budget().boardsW() - offReserveW) - 1);
        double batteryW = HalFault.trustedOrNaN(p.faults(), "batteryPowerW", p.batteryPowerW());
        // In the shadow the array gives nothing, whatever a noisy sensor says; in sunlight its sensor may
        // see only what flows: the estimator works out what it could give.
        double arrayW = array.update(sunlit,
                HalFault.trustedOrNaN(p.faults(), "arrayAvailableW", p.arrayAvailableW()),
                HalFault.trustedOrNaN(p.faults(), "arrayPowerW", p.arrayPowerW()),
                batteryW, plannedChargeW, wantMore, p.stringsOnline(), p.stringsTotal(), spec.ratedArrayW(), dtS);
        PowerBudget budget = planner.plan(now, sunlit, arrayW, energyWh, hkW, spec, forecaster,
                topOffW(sunlit, socPct, batteryW, spec));
        budget = holdThroughSunrise(now, sunlit, budget);
        plannedChargeW = Math.max(0, -budget.batteryW());
        Instant hold = holdUntil;
        if (hold != null && now.isBefore(hold) && sunlit) {
            EclipseWindow dark = forecaster.nextOrCurrent(now)
                    .filter(w -> !w.start().isAfter(now.plus(Seconds.of(config.maxEclipseS()))))
                    .orElse(new EclipseWindow(now, now.plus(Seconds.of(config.maxEclipseS()))));
            // the array just did what was not expected: the hold counts on none of it
            double carriedW = Math.max(0, planner.eclipseBoardsW(dark, energyWh, hkW, spec, 0));
            if (carriedW < budget.boardsW()) {
                budget = new PowerBudget(budget.arrayAvailableW(), budget.housekeepingW(), budget.batteryW(), carriedW,
                        budget.usableBatteryWh(), budget.horizonS(), budget.forecastKnown(), "PROTECTION_HOLD");
            }
        }
        budget = holdDischargeRate(budget, p, boardsDrawW, spec);
        ModePolicy policy = mode.get();

        Map<String, BoardReading> byId = new java.util.HashMap<>(n * 2);
        for (BoardReading r : readings) {
            byId.put(r.boardId(), r);
        }
        Map<String, Double> zoneLimits = zones.limits(now, snap.thermal(), byId);
        List<BoardDemand> demands = new ArrayList<>(n);
        int thermalLimited = 0;
        for (int i = 0; i < n; i++) {
            BoardSpec s = specs.get(i);
            BoardReading r = readings[i];
            boolean controllable = (r.state() == BoardState.ENABLED || r.state() == BoardState.DISABLED)
                    && available.test(s.id());
            double weight = controllable && policy.boardsAllowed() ? workload.weight(s.id()) : 0;
            if (weight < policy.minWeight()) {
                weight = 0;
            }
            double limit = governor.limitCapW(s.id(), now, r.trustedTempC(), s.slowdownTempC(), s.minCapW(), s.maxCapW());
            Double ceiling = ceilingsW.get(s.id());
            if (ceiling != null) {
                limit = Math.min(limit, ceiling);
            }
            Double zoneShare = zoneLimits.get(s.id());
            if (zoneShare != null) {
                limit = Math.min(limit, zoneShare < 0 ? 0 : s.minCapW() + zoneShare * (s.maxCapW() - s.minCapW()));
            }
            if (limit < s.maxCapW() - 1e-6) {
                thermalLimited++;
            }
            demands.add(new BoardDemand(s.id(), weight, s.minCapW(), s.maxCapW(), limit, config.curve(),
                    weight > 0 ? workload.gang(s.id()) : null));
        }
        // Boards fault protection owns (hung, resetting, failed but powered) still draw: their
        // measured power comes off the budget before the rest is shared out.
        double uncontrolledW = 0;
        for (int i = 0; i < n; i++) {
            BoardReading r = readings[i];
            boolean controlled = (r.state() == BoardState.ENABLED || r.state() == BoardState.DISABLED)
                    && available.test(specs.get(i).id());
            if (!controlled && Double.isFinite(r.trustedPowerW())) {
                uncontrolledW += Math.max(0, r.trustedPowerW());
            }
        }
        double boardsBudgetW = Math.max(0, budget.boardsW() - uncontrolledW) * policy.budgetScale();
        Allocation alloc = allocateWithOffDraw(demands, readings, boardsBudgetW);
        warnOfComingShed(now, sunlit, arrayW, energyWh, hkW, spec, demands, alloc, uncontrolledW, policy);
        apply(readings, demands, alloc.capsW());
        int on = 0;
        for (double c : alloc.capsW().values()) {
            if (c > 0) {
                on++;
            }
        }
        lastDecision = new ThrottleDecision(budget, alloc.totalW(), alloc.binding().name(), on, thermalLimited,
                alloc.lambda() * 1000, alloc.value());
    }

    /**
     * Shares {@code budgetW} out, leaving what the boards it switches off will still draw. A GPU driver
     * cannot power a GPU off: "disabled" is its lowest cap with no work admitted, and it draws its idle
     * power (~80 W; 40 boards off in an eclipse are 3 kW the battery would carry unplanned). What a
     * disabled board draws is measured, not assumed: a backend that powers boards off reads 0 and
     * costs nothing. Boards on now stay on unless switching them off gains more than
     * {@code boardSwitchGainPct} (see {@link Allocator#allocate(List, double, double, Set, double)}):
     * without it the budget's noise switched boards every few seconds.
     */
    private Allocation allocateWithOffDraw(List<BoardDemand> demands, BoardReading[] readings, double budgetW) {
        double sumW = 0;
        int seen = 0;
        for (int i = 0; i < readings.length; i++) {
            BoardReading r = readings[i];
            if (r.state() == BoardState.DISABLED && available.test(specs.get(i).id())
                    && Double.isFinite(r.trustedPowerW())) {
                sumW += Math.max(0, r.trustedPowerW());
                seen++;
            }
        }
        if (seen > 0) {
            double meanW = sumW / seen;
            offDrawW = Double.isFinite(offDrawW) ? offDrawW + 0.2 * (meanW - offDrawW) : meanW;
        }
        // Every board fault protection does not own draws at least its off draw (the others' draw is
        // already off the budget); the allocator shares what is left above that.
        double drawW = offDrawW > 1 ? Math.rint(offDrawW) : 0; // whole watts: the allocator's shapes stay cached
        Set<String> onNow = new java.util.HashSet<>();
        int controlled = 0;
        for (int i = 0; i < readings.length; i++) {
            BoardState st = readings[i].state();
            String id = specs.get(i).id();
            if ((st == BoardState.ENABLED || st == BoardState.DISABLED) && available.test(id)) {
                controlled++;
                if (st == BoardState.ENABLED) {
                    onNow.add(id);
                }
            }
        }
        double floorW = Math.min(budgetW, controlled * drawW);
        Allocation alloc = allocator.allocate(demands, budgetW - floorW, drawW, onNow, config.boardSwitchGainPct());
        int on = 0;
        for (int i = 0; i < readings.length; i++) {
            BoardState st = readings[i].state();
            if ((st == BoardState.ENABLED || st == BoardState.DISABLED) && available.test(specs.get(i).id())
                    && alloc.capsW().getOrDefault(demands.get(i).boardId(), 0.0) > 0) {
                on++;
            }
        }
        offReserveW = (controlled - on) * drawW;
        return alloc;
    }

    /**
     * For {@code eclipseTailS} after the Sun comes back, the boards keep at least the budget they had
     * in the shadow: the eclipse plan set battery energy aside for that tail, and through the exit
     * penumbra the array's estimate lags what it is about to give (it reads a few hundred watts, then
     * climbs a probe step a tick) while the charge the sunlit plan takes first is 10 kW. Without the
     * floor the budget fell from the eclipse's 26 kW to 8-16 kW for a few seconds at every sunrise,
     * switching off half the boards and suspending their jobs, to switch them back on seconds later.
     * The floor holds for the whole tail, since the array's estimate can overshoot and fall back as
     * it climbs (binding {@code ECLIPSE_TAIL} while it binds; the array probe runs on under it, and
     * the discharge-rate hold and protection still apply).
     */
    private PowerBudget holdThroughSunrise(Instant now, boolean sunlit, PowerBudget budget) {
        if (!sunlit) {
            darkBoardsW = budget.boardsW();
            sunriseAt = null;
            return budget;
        }
        if (sunriseAt == null) {
            if (!(darkBoardsW > 0)) {
                return budget;
            }
            sunriseAt = now;
        }
        if (Duration.between(sunriseAt, now).toMillis() > config.eclipseTailS() * 1000
                || "FLOOR".equals(budget.binding())) {
            darkBoardsW = 0;
            return budget;
        }
        if (budget.boardsW() >= darkBoardsW) {
            return budget;
        }
        double batteryW = budget.batteryW() + (darkBoardsW - budget.boardsW()); // less charge, or discharge
        return new PowerBudget(budget.arrayAvailableW(), budget.housekeepingW(), batteryW, darkBoardsW,
                budget.usableBatteryWh(), budget.horizonS(), budget.forecastKnown(), "ECLIPSE_TAIL");
    }

    /**
     * Closes the loop on the battery's discharge-rate limit. The plan spends up to
     * {@code dischargeMarginPct} below the limit, but its terms (housekeeping, the boards' draw)
     * are estimates read through sensors with their own gain and offset errors; what the battery
     * gives is measured. While the battery is discharging, the boards get at most what they draw
     * now plus the measured headroom to the plan's share of the limit (binding
     * {@code DISCHARGE_RATE}): over the limit that takes the excess off, under it the boards rise
     * no further than the battery can follow, so a plan a few hundred watts off never has to be
     * shed by the fast power protection (at 99 %).
     */
    private PowerBudget holdDischargeRate(PowerBudget budget, PowerReading p, double boardsDrawW, PowerSystemSpec spec) {
        if (!HalFault.trusted(p.faults(), "batteryPowerW", p.batteryPowerW()) || !Double.isFinite(boardsDrawW)) {
            return budget;
        }
        double dischargeW = Math.max(0, -p.batteryPowerW());
        if (dischargeW < 0.01 * spec.maxDischargeW()) {
            return budget; // not discharging (or only noise): the array carries the loads
        }
        double limitW = spec.maxDischargeW() * (1 - config.dischargeMarginPct() / 100.0);
        double ceilingW = Math.max(0, boardsDrawW + (limitW - dischargeW));
        if (ceilingW >= budget.boardsW()) {
            return budget;
        }
        return new PowerBudget(budget.arrayAvailableW(), budget.housekeepingW(), budget.batteryW(), ceilingW,
                budget.usableBatteryWh(), budget.horizonS(), budget.forecastKnown(), "DISCHARGE_RATE");
    }

    /**
     * Shortly before an eclipse, plans the eclipse's allocation ahead and tells the workload which
     * boards on now will be off through it, so their jobs checkpoint while there is power. Once
     * per eclipse.
     */
    private void warnOfComingShed(Instant now, boolean sunlit, double arrayW, double energyWh, double hkW,
                                  PowerSystemSpec spec, List<BoardDemand> demands, Allocation current,
                                  double uncontrolledW, ModePolicy policy) {
        if (!sunlit) {
            return;
        }
        EclipseWindow next = forecaster.nextOrCurrent(now).orElse(null);
        if (next == null || next.start().equals(warnedFor)
                || Duration.between(now, next.start()).toMillis() / 1000.0 > config.checkpointLeadS()) {
            return;
        }
        warnedFor = next.start();
        double eclipseW = Math.max(0, planner.eclipseBoardsW(next, energyWh, hkW, spec, arrayW) - uncontrolledW)
                * policy.budgetScale();
        Allocation dark = allocator.allocate(demands, eclipseW);
        Set<String> doomed = new TreeSet<>();
        for (Map.Entry<String, Double> e : current.capsW().entrySet()) {
            if (e.getValue() > 0 && dark.capsW().getOrDefault(e.getKey(), 0.0) <= 0) {
                doomed.add(e.getKey());
            }
        }
        if (!doomed.isEmpty()) {
            workload.boardsAboutToBeShed(doomed);
        }
    }

    private void apply(BoardReading[] readings, List<BoardDemand> demands, Map<String, Double> capsW) {
        List<BoardPlan> plans = new ArrayList<>();
        for (int i = 0; i < boards.size(); i++) {
            BoardReading r = readings[i];
            String id = specs.get(i).id();
            double target = capsW.getOrDefault(id, 0.0);
            if ((r.state() != BoardState.ENABLED && r.state() != BoardState.DISABLED) || !available.test(id)) {
                continue; // hung, resetting, failed or isolated: fault protection owns it
            }
            if (target <= 0) {
                if (r.state() == BoardState.ENABLED) {
                    plans.add(BoardPlan.of(id, BoardCommand.enabled(false), ORIGIN));
                    if (!shed[i]) {
                        shed[i] = true;
                        BoardDemand d = demands.get(i);
                        workload.boardShed(id, d.weight() > 0 && d.limitCapW() < d.minCapW() ? "THERMAL" : "POWER");
                    }
                }
                continue;
            }
            if (r.state() == BoardState.DISABLED) {
                plans.add(new BoardPlan(id, List.of(BoardCommand.cap(target), BoardCommand.enabled(true)), ORIGIN));
                if (shed[i]) {
                    shed[i] = false;
                    workload.boardRestored(id);
                }
                continue;
            }
            double current = r.capW();
            // The deadband saves commands while a cap moves; a board held just under its maximum by one
            // tick's dip would stay there (48 boards 8 W short for the last six hours of a full-Sun day,
            // 0.02 % of its work): a raise to the maximum is always sent.
            boolean toMax = target >= specs.get(i).maxCapW() && current < target - 0.5;
            if (!Double.isFinite(current) || target < current - 0.5 || target > current + config.capDeadbandW() || toMax) {
                plans.add(BoardPlan.of(id, BoardCommand.cap(target), ORIGIN));
            }
        }
        actuator.apply(plans);
    }
}
