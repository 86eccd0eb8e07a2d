package io.sunsync.flight.fdir;

import io.sunsync.flight.actuate.BoardActuator;
import io.sunsync.flight.actuate.BoardCommand;
import io.sunsync.flight.actuate.BoardPlan;
import io.sunsync.flight.events.Event;
import io.sunsync.flight.events.EventSink;
import io.sunsync.flight.events.Severity;
import io.sunsync.flight.mode.ModeAutomaton;
import io.sunsync.flight.mode.ModeInputs;
import io.sunsync.flight.sample.HardwareSnapshot;
import io.sunsync.flight.sched.Scheduled;
import io.sunsync.hal.CommandResult;
import io.sunsync.hal.HalFault;
import io.sunsync.hal.accel.AcceleratorBoard;
import io.sunsync.hal.accel.BoardReading;
import io.sunsync.hal.accel.BoardState;
import io.sunsync.hal.power.PowerReading;
import io.sunsync.hal.power.PowerSystemSpec;
import io.sunsync.hal.thermal.ThermalControl;
import io.sunsync.hal.thermal.ThermalReading;
import io.sunsync.hal.thermal.ThermalSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;

/**
 * Fault detection, isolation and recovery on every control tick, before the throttler:
 * <ul>
 *   <li>boards: a hung board is reset; after {@code maxResets} resets (or {@code maxErrors}
 *       uncorrectable-error reports) within the window, or when it reports FAILED, it is
 *       isolated (switched off, excluded from allocation, its jobs moved) until the ground
 *       restores it;</li>
 *   <li>thermal: a persistent limit monitor per zone; a failed pump brings up the other loops'
 *       pumps; a zone near its lower limit gets its loop heater;</li>
 *   <li>power: how long the power readings have been unusable (the throttler flies on its
 *       battery estimate meanwhile);</li>
 *   <li>then the mode automaton judges it all.</li>
 * </ul>
 * Runs on the control thread; {@link #isAvailable(String)} and {@link #isolated()} may be read
 * from any thread.
 */
public final class FaultProtection implements Scheduled {
    /** The origin of fault protection's board plans. */
    static final String ORIGIN = "fdir";
    private final FdirConfig config;
    private final Supplier<HardwareSnapshot> snapshots;
    private final List<AcceleratorBoard> boards;
    private final BoardActuator actuator;
    private final ThermalControl thermal;
    private final PowerSystemSpec powerSpec;
    private final ModeAutomaton modes;
    private final DoubleSupplier plannedEnergyWh;
    private final EventSink events;
    private final BoardHealthListener listener;
    private final Map<String, LimitMonitor> zoneMonitors = new HashMap<>();
    private final Map<String, LimitMonitor> boardMonitors = new HashMap<>();
    private final LimitMonitor busMonitor;
    private final Map<String, String> zoneLoop = new HashMap<>();
    private final Map<String, Deque<Instant>> resets = new HashMap<>();
    private final Map<String, Deque<Instant>> errors = new HashMap<>();
    private final Map<String, Long> lastEcc = new HashMap<>();
    private final Set<String> isolated = ConcurrentHashMap.newKeySet();
    private final Deque<Instant> isolations = new ArrayDeque<>();
    private final Set<String> failedPumps = new HashSet<>();
    private final Set<String> heating = new HashSet<>();
    private Instant powerLostSince;
    private final SensorHealth sensors;

    /**
     * @param boards   the boards, in the snapshots' order
     * @param actuator sends fault protection's commands (resets, isolations) to the boards
     */
    public FaultProtection(FdirConfig config, Supplier<HardwareSnapshot> snapshots, List<AcceleratorBoard> boards,
                           BoardActuator actuator, ThermalControl thermal, PowerSystemSpec powerSpec, ModeAutomaton modes,
                           DoubleSupplier plannedEnergyWh, EventSink events, BoardHealthListener listener) {
        this.config = config;
        this.snapshots = snapshots;
        this.boards = List.copyOf(boards);
        this.actuator = actuator;
        this.thermal = thermal;
        this.powerSpec = powerSpec;
        this.modes = modes;
        this.plannedEnergyWh = plannedEnergyWh;
        this.events = events;
        this.listener = listener;
        this.sensors = new SensorHealth(events, powerSpec.batteryCapacityWh());
        // Every board's die against its slowdown temperature: the throttler's governors should keep
        // it below; a trip here means they did not, and is reported.
        for (AcceleratorBoard b : this.boards) {
            double slowdown = b.spec().slowdownTempC();
            boardMonitors.put(b.spec().id(), new LimitMonitor(b.spec().id() + ".tempC", "°C",
                    Limits.above(slowdown - 2, slowdown), config.persistence(), events));
        }
        double busV = powerSpec.nominalBusV();
        this.busMonitor = new LimitMonitor("power.busVoltageV", "V",
                new Limits(0.75 * busV, 0.85 * busV, 1.1 * busV, 1.2 * busV), config.persistence(), events);
        ThermalSpec spec = thermal.spec();
        for (ThermalSpec.ZoneSpec z : spec.zones()) {
            double warn = Math.min(config.zoneWarnMarginC(), (z.maxC() - z.minC()) / 4);
            zoneMonitors.put(z.name(), new LimitMonitor("zone." + z.name() + ".tempC", "°C",
                    new Limits(z.minC(), z.minC() + warn, z.maxC() - warn, z.maxC()), config.persistence(), events));
        }
        if (!spec.loops().isEmpty()) {
            for (ThermalSpec.ZoneSpec z : spec.zones()) {
                zoneLoop.put(z.name(), spec.loops().get(0));
            }
        }
    }

    @Override
    public String name() {
        return "fdir";
    }

    /** Every limit monitor's declared state, by point (for housekeeping and tests). */
    public Map<String, LimitState> limitStates() {
        Map<String, LimitState> out = new java.util.TreeMap<>();
        zoneMonitors.values().forEach(m -> out.put(m.name(), m.state()));
        boardMonitors.values().forEach(m -> out.put(m.name(), m.state()));
        out.put(busMonitor.name(), busMonitor.state());
        out.put(modes.batteryMonitor().name(), modes.batteryMonitor().state());
        return out;
    }

    /** False while the battery gauge is judged stuck (the throttler then plans on its estimate). */
    public boolean batteryGaugeTrusted() {
        return sensors.gaugeTrusted();
    }

    /** Battery capacity as fault protection last established it, in Wh. */
    public double batteryCapacityWh() {
        return sensors.capacityWh();
    }

    /** False for a board that is isolated. */
    public boolean isAvailable(String boardId) {
        return !isolated.contains(boardId);
    }

    /** Boards isolated now. */
    public Set<String> isolated() {
        return Set.copyOf(isolated);
    }

    /**
     * Takes a board out of service on ground command, as an isolation: it is switched off and
     * the throttler leaves it off until {@link #restore}. Returns false if there is no such
     * board or it is isolated already.
     */
    public boolean isolateOnCommand(Instant t, String boardId) {
        return isolateFromOutside(t, boardId, "commanded by ground");
    }

    /**
     * Isolates a board found faulty outside fault protection's own checks (one whose results keep
     * failing their checks: silent data corruption): switched off, excluded from allocation, its
     * jobs moved, until {@link #restore}. Not counted towards safe mode: a board that computes
     * wrong answers does not endanger the satellite. Returns false if there is no such board or it
     * is isolated already. Call on the control thread (a rate group's tick).
     */
    public boolean isolateSuspect(Instant t, String boardId, String why) {
        return isolateFromOutside(t, boardId, why);
    }

    /** An isolation asked for from outside fault protection's checks, not counted towards safe mode. */
    private boolean isolateFromOutside(Instant t, String boardId, String why) {
        if (isolated.contains(boardId)) {
            return false;
        }
        for (AcceleratorBoard board : boards) {
            if (board.spec().id().equals(boardId)) {
                isolate(t, boardId, why, false);
                return true;
            }
        }
        return false;
    }

    /** Gives an isolated board back to service (a ground command); returns false if it was not isolated. */
    public boolean restore(Instant t, String boardId) {
        if (!isolated.remove(boardId)) {
            return false;
        }
        resets.remove(boardId);
        errors.remove(boardId);
        events.emit(new Event(t, Severity.INFO, "fdir", "BOARD_RESTORED", boardId + " returned to service",
                Map.of("board", boardId)));
        listener.boardRestored(boardId);
        return true;
    }

    @Override
    public void tick(Instant now) {
        HardwareSnapshot snap = snapshots.get();
        sensors.judge(now, snap);
        for (int i = 0; i < boards.size(); i++) {
            checkBoard(now, boards.get(i), snap.boards().get(i));
        }
        boolean thermalRed = checkThermal(now, snap.thermal());
        PowerReading p = snap.power();
        busMonitor.sample(now, HalFault.trustedOrNaN(p.faults(), "busVoltageV", p.busVoltageV()));
        // The battery gauge is what planning needs; another bad power quantity is reported by the
        // sensor checks but is no reason to fly on the estimate.
        // Energy and state of charge are redundant (energy = state of charge x capacity): either
        // one, trusted, keeps planning on measurements.
        boolean powerUsable = sensors.gaugeTrusted()
                && (HalFault.trusted(p.faults(), "batteryEnergyWh", p.batteryEnergyWh())
                || HalFault.trusted(p.faults(), "batterySocPct", p.batterySocPct()));
        if (powerUsable) {
            powerLostSince = null;
        } else if (powerLostSince == null) {
            powerLostSince = now;
            events.emit(new Event(now, Severity.LOW, "fdir", "POWER_SENSOR_LOST",
                    "power readings unusable (" + p.quality() + "): flying on the battery estimate",
                    Map.of("quality", p.quality().name())));
        }
        double lostS = powerLostSince == null ? 0 : seconds(powerLostSince, now);
        double energyWh = plannedEnergyWh.getAsDouble();
        double socAboveFloorPct = Double.isFinite(energyWh)
                ? 100.0 * (energyWh - powerSpec.batteryFloorWh()) / powerSpec.batteryCapacityWh() : Double.NaN;
        while (!isolations.isEmpty() && seconds(isolations.peekFirst(), now) > config.resetWindowS()) {
            isolations.removeFirst();
        }
        modes.update(now, new ModeInputs(socAboveFloorPct, p.sunlit(), thermalRed, isolations.size(), lostS));
    }

    private void checkBoard(Instant now, AcceleratorBoard board, BoardReading r) {
        String id = r.boardId();
        LimitMonitor temp = boardMonitors.get(id);
        if (temp != null) {
            temp.sample(now, r.quality().usable() ? r.trustedTempC() : Double.NaN);
        }
        if (isolated.contains(id)) {
            if (r.state() == BoardState.ENABLED) {
                // keep an isolated board off, whatever else happened
                actuator.submit(List.of(BoardPlan.of(id, BoardCommand.enabled(false), ORIGIN)));
            }
            return;
        }
        if (r.state() == BoardState.FAILED) {
            isolate(now, id, "board reports FAILED");
            return;
        }
        long ecc = r.eccUncorrected();
        Long previous = lastEcc.put(id, ecc);
        if (previous != null && ecc > previous) {
            Deque<Instant> e = window(errors, id, now);
            e.addLast(now);
            events.emit(new Event(now, Severity.LOW, "fdir", "BOARD_ERROR",
                    id + ": " + (ecc - previous) + " uncorrectable errors", Map.of("board", id, "eccTotal", ecc)));
            if (e.size() >= config.maxErrors()) {
                isolate(now, id, e.size() + " error reports within " + config.resetWindowS().intValue() + " s");
                return;
            }
        }
        if (r.state() == BoardState.HUNG) {
            Deque<Instant> rs = window(resets, id, now);
            if (rs.size() >= config.maxResets()) {
                isolate(now, id, "still hanging after " + rs.size() + " resets");
                return;
            }
            rs.addLast(now);
            CommandResult result = actuator.execute(id, BoardCommand.reset(), ORIGIN);
            events.emit(new Event(now, Severity.LOW, "fdir", "BOARD_RESET",
                    id + " hung: reset " + rs.size() + " of " + config.maxResets()
                            + (result.ok() ? "" : " (reset failed: " + result.fault().detail() + ")"),
                    Map.of("board", id, "resets", rs.size())));
        }
    }

    private Deque<Instant> window(Map<String, Deque<Instant>> map, String id, Instant now) {
        Deque<Instant> d = map.computeIfAbsent(id, k -> new ArrayDeque<>());
        while (!d.isEmpty() && seconds(d.peekFirst(), now) > config.resetWindowS()) {
            d.removeFirst();
        }
        return d;
    }

    private void isolate(Instant now, String id, String why) {
        isolate(now, id, why, true);
    }

    /** Isolates a board; only fault isolations count towards safe mode. */
    private void isolate(Instant now, String id, String why, boolean fault) {
        isolated.add(id);
        if (fault) {
            isolations.addLast(now);
        }
        actuator.submit(List.of(BoardPlan.of(id, BoardCommand.enabled(false), ORIGIN)));
        events.emit(new Event(now, Severity.MEDIUM, "fdir", "BOARD_ISOLATED", id + " isolated: " + why,
                Map.of("board", id, "reason", why)));
        listener.boardIsolated(id, why);
    }

    private boolean checkThermal(Instant now, ThermalReading th) {
        boolean red = false;
        for (ThermalReading.ZoneTemperature z : th.zones()) {
            LimitMonitor m = zoneMonitors.get(z.name());
            if (m == null) {
                continue;
            }
            LimitState s = m.sample(now, z.quality().usable() ? z.tempC() : Double.NaN);
            red |= s == LimitState.RED_HIGH;
            String loop = zoneLoop.get(z.name());
            if (loop != null) {
                boolean cold = s == LimitState.YELLOW_LOW || s == LimitState.RED_LOW;
                if (cold && heating.add(loop)) {
                    thermal.setHeater(loop, true);
                    events.emit(new Event(now, Severity.INFO, "fdir", "HEATER_ON", loop + " heater on: " + z.name() + " cold",
                            Map.of("loop", loop, "zone", z.name())));
                } else if (s == LimitState.NOMINAL && heating.remove(loop)) {
                    thermal.setHeater(loop, false);
                }
            }
        }
        for (ThermalReading.LoopState loop : th.loops()) {
            if (loop.pumpFailed() && failedPumps.add(loop.name())) {
                events.emit(new Event(now, Severity.MEDIUM, "fdir", "PUMP_FAILED",
                        loop.name() + " pump failed: bringing up the other loops", Map.of("loop", loop.name())));
                for (ThermalReading.LoopState other : th.loops()) {
                    if (!other.name().equals(loop.name()) && !other.pumpOn()) {
                        thermal.setPump(other.name(), true);
                    }
                }
            } else if (!loop.pumpFailed()) {
                failedPumps.remove(loop.name());
            }
        }
        return red;
    }

    private static double seconds(Instant from, Instant to) {
        return Duration.between(from, to).toMillis() / 1000.0;
    }
}
