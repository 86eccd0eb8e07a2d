package io.sunsync.flight.app;

import io.sunsync.flight.actuate.ActuationConfig;
import io.sunsync.flight.actuate.BoardActuator;
import io.sunsync.flight.actuate.Safing;
import io.sunsync.flight.events.EventSink;
import io.sunsync.flight.fdir.BoardHealthListener;
import io.sunsync.flight.fdir.FaultProtection;
import io.sunsync.flight.fdir.FdirConfig;
import io.sunsync.flight.mode.FlightMode;
import io.sunsync.flight.mode.ModeAutomaton;
import io.sunsync.flight.mode.ModeConfig;
import io.sunsync.flight.protect.PowerProtection;
import io.sunsync.flight.protect.ProtectionConfig;
import io.sunsync.flight.sample.HardwareSampler;
import io.sunsync.flight.sched.RateGroup;
import io.sunsync.flight.throttle.EclipseForecaster;
import io.sunsync.flight.throttle.EclipseWindow;
import io.sunsync.flight.throttle.ForecastSource;
import io.sunsync.flight.throttle.PowerBudget;
import io.sunsync.flight.throttle.ThrottleDecision;
import io.sunsync.flight.throttle.Throttler;
import io.sunsync.flight.throttle.ThrottlerConfig;
import io.sunsync.flight.throttle.Workload;
import io.sunsync.hal.config.HardwareAssembly;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The control rate group, wired in its fixed order: report late board commands, sample the
 * hardware, judge it (fault protection, which runs the mode automaton), then throttle; and the
 * fast power-protection rate group beside it (20 Hz by default), which sheds every board at an
 * unannounced loss of power and holds the throttler's budget down after. Every command to a board
 * goes through the one {@link BoardActuator}. On entry to SAFE mode (autonomous or commanded) the
 * hardware is driven to its declared safe state at once ({@link Safing}), before the throttler's
 * next decision. Built by the composition root.
 *
 * @param actuator    sends commands to the boards (concurrently, within budgets); its
 *                    {@link BoardActuator#shedAll} is the fast path to every board's safe state
 * @param sampler     reads every device once per tick
 * @param modes       the flight mode
 * @param fdir        fault protection
 * @param throttler   the power-aware throttler
 * @param group       the rate group running them
 * @param protection  the fast power-protection path
 * @param protectionGroup the rate group running it
 * @param safing      drives the hardware to its declared safe state (safe-mode entry, shutdown)
 */
public record ControlChain(BoardActuator actuator, HardwareSampler sampler, ModeAutomaton modes, FaultProtection fdir,
                           Throttler throttler, RateGroup group, PowerProtection protection, RateGroup protectionGroup,
                           Safing safing) {

    /** Builds the chain on {@code hardware} with the default actuation settings, reporting through {@code events}. */
    public static ControlChain build(HardwareAssembly hardware, ThrottlerConfig throttlerConfig, ModeConfig modeConfig,
                                     FdirConfig fdirConfig, Workload workload, BoardHealthListener health,
                                     EventSink events) {
        return build(hardware, throttlerConfig, modeConfig, fdirConfig, ActuationConfig.defaults(),
                ProtectionConfig.defaults(), workload, health, events);
    }

    /** Builds the chain on {@code hardware}, reporting through {@code events}. */
    public static ControlChain build(HardwareAssembly hardware, ThrottlerConfig throttlerConfig, ModeConfig modeConfig,
                                     FdirConfig fdirConfig, ActuationConfig actuationConfig,
                                     ProtectionConfig protectionConfig, Workload workload,
                                     BoardHealthListener health, EventSink events) {
        BoardActuator actuator = new BoardActuator(hardware.chosen().getOrDefault("accelerators", "accelerators"),
                hardware.boards(), actuationConfig, hardware.timeSource(), events);
        HardwareSampler sampler = new HardwareSampler(hardware.power(), hardware.thermal(), hardware.boards());
        ModeAutomaton modes = new ModeAutomaton(modeConfig, events);
        Throttler[] throttlerRef = new Throttler[1];
        FaultProtection fdir = new FaultProtection(fdirConfig, sampler, hardware.boards(), actuator, hardware.thermal(),
                hardware.power().spec(), modes, () -> throttlerRef[0].plannedEnergyWh(), events, health);
        Throttler throttler = new Throttler(throttlerConfig, hardware.power(), hardware.thermal().spec(), hardware.boards(),
                sampler,
                fdir::isAvailable, fdir::batteryGaugeTrusted, fdir::batteryCapacityWh, workload, actuator, modes::policy);
        throttlerRef[0] = throttler;
        RateGroup group = new RateGroup("control", Duration.ofMillis(Math.round(throttlerConfig.controlPeriodS() * 1000)),
                List.of(actuator, sampler, fdir, throttler));
        PowerProtection protection = new PowerProtection(protectionConfig, hardware.power(), actuator::shedAll,
                t -> throttler.holdDown(t, protectionConfig.holdS()), events);
        RateGroup protectionGroup = new RateGroup("protection", protection.period(), List.of(protection));
        Safing safing = new Safing(actuator, hardware.boards(), hardware.thermal(), hardware.power(), hardware.navigation());
        modes.addListener((t, from, to, why) -> {
            if (to == FlightMode.SAFE) {
                safing.apply("safe mode: " + why);
            }
        });
        return new ControlChain(actuator, sampler, modes, fdir, throttler, group, protection, protectionGroup, safing);
    }

    /** The housekeeping section describing the last control decision (null before the first tick). */
    public Control housekeeping() {
        ThrottleDecision d = throttler.lastDecision();
        if (d == null) {
            return null;
        }
        PowerBudget b = d.budget();
        Instant now = sampler.latest() == null ? null : sampler.latest().t();
        EclipseForecaster.Forecast forecast = now == null ? null : throttler.forecaster().forecast(now);
        EclipseWindow next = forecast == null ? null : forecast.window();
        return new Control(modes.mode().name(), modes.reason(), b.boardsW(), b.binding(), b.arrayAvailableW(),
                b.housekeepingW(), b.batteryW(), b.usableBatteryWh(), b.horizonS(), d.allocatedW(), d.binding(),
                d.boardsOn(), d.thermalLimited(), fdir.isolated().size(), b.forecastKnown(),
                next == null ? null : next.start(), next == null ? Double.NaN : next.durationS(),
                forecast == null ? ForecastSource.WORST_CASE.name() : forecast.source().name(),
                next == null ? Double.NaN : next.uncertaintyS(), next == null ? Double.NaN : throttler.leadS(next),
                d.expectedValue(), throttler.ceilings());
    }

    /**
     * The {@code control} housekeeping section: mode, budget and its terms, allocation.
     *
     * @param mode             flight mode
     * @param modeReason       why
     * @param budgetW          power budget for the boards, in W
     * @param budgetBinding    the term that limited the budget
     * @param arrayAvailableW  array power available, in W
     * @param housekeepingW    non-board load, in W
     * @param batteryPlanW     planned battery power (+ discharge, − charge), in W
     * @param usableBatteryWh  battery energy above floor and margin, in Wh
     * @param horizonS         planning horizon, in s
     * @param allocatedW       caps set, in W
     * @param allocBinding     what limited the allocation
     * @param boardsOn         boards on
     * @param thermalLimited   boards derated for temperature
     * @param isolated         boards isolated by fault protection
     * @param forecastKnown    eclipse forecast available
     * @param nextEclipse      start of the next (or current) eclipse, or null
     * @param nextEclipseS     its predicted length, in s (NaN if none)
     * @param forecastSource   where the forecast in use comes from: GROUND, ONBOARD, LEARNED or WORST_CASE
     * @param forecastUncertaintyS the next eclipse's uncertainty band, in s (NaN if none)
     * @param preEclipseLeadS  how long before its predicted start the boards come down, in s (NaN if none)
     * @param expectedValue    priority-weighted throughput expected
     * @param capCeilingsW     operator ceilings on board caps in force (board id to W)
     */
    public record Control(String mode, String modeReason, double budgetW, String budgetBinding, double arrayAvailableW,
                          double housekeepingW, double batteryPlanW, double usableBatteryWh, double horizonS,
                          double allocatedW, String allocBinding, int boardsOn, int thermalLimited, int isolated,
                          boolean forecastKnown, Instant nextEclipse, double nextEclipseS, String forecastSource,
                          double forecastUncertaintyS, double preEclipseLeadS, double expectedValue,
                          Map<String, Double> capCeilingsW) {
    }
}
