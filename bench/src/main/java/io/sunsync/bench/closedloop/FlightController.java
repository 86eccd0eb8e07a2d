package io.sunsync.bench.closedloop;

import io.sunsync.flight.actuate.ActuationConfig;
import io.sunsync.flight.app.ControlChain;
import io.sunsync.flight.events.Event;
import io.sunsync.flight.fdir.FdirConfig;
import io.sunsync.flight.mode.ModeConfig;
import io.sunsync.flight.orbit.OrbitConfig;
import io.sunsync.flight.orbit.OrbitKnowledge;
import io.sunsync.flight.protect.ProtectionConfig;
import io.sunsync.flight.protect.ProtectionTrip;
import io.sunsync.flight.throttle.EclipseWindow;
import io.sunsync.flight.throttle.ThrottlerConfig;
import io.sunsync.flight.throttle.Workload;
import io.sunsync.hal.accel.AcceleratorBoard;
import io.sunsync.hal.config.HardwareAssembly;
import io.sunsync.hal.power.PowerSystem;
import io.sunsync.hal.thermal.ThermalControl;
import io.sunsync.hal.time.TimeSource;
import io.sunsync.orbit.ElementSet;
import io.sunsync.sim.control.SimController;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The flight software's real control chain (sampler, fault protection, modes, throttler, and the
 * fast power-protection path at its own period) run by the sim harness's scenario runner in
 * lockstep, seeing the satellite only through the hal devices, as on orbit. Every board always has
 * work (a saturated synthetic load). Keeps the fast protection's trips.
 */
public final class FlightController implements SimController {
    private final ThrottlerConfig config;
    private final ProtectionConfig protection;
    private final List<EclipseWindow> ephemeris;
    private final List<Event> events = new ArrayList<>();
    private final List<String> failures = new ArrayList<>();
    private final List<ProtectionTrip> trips = new ArrayList<>();
    private ControlChain chain;
    private Instant now;
    private final String elements;
    private OrbitKnowledge orbit;
    private Instant nextPlanning;

    /**
     * @param ephemeris eclipse windows uplinked by the ground before the run (empty: the throttler
     *                  learns them from what it observes)
     */
    public FlightController(ThrottlerConfig config, List<EclipseWindow> ephemeris) {
        this(config, ProtectionConfig.defaults(), ephemeris);
    }

    /** With a protection config of its own (e.g. disabled, to show what it prevents). */
    public FlightController(ThrottlerConfig config, ProtectionConfig protection, List<EclipseWindow> ephemeris) {
        this(config, protection, ephemeris, null);
    }

    /**
     * Also with orbit elements uplinked before the run (a TLE or OMM; null: none), flown by flight's
     * {@link OrbitKnowledge} in its planning cycle: the satellite predicts its eclipses itself.
     */
    public FlightController(ThrottlerConfig config, ProtectionConfig protection, List<EclipseWindow> ephemeris,
                            String elements) {
        this.config = config;
        this.protection = protection;
        this.ephemeris = List.copyOf(ephemeris);
        this.elements = elements;
    }

    @Override
    public String name() {
        return "sunsync-throttler";
    }

    @Override
    public double periodS() {
        return config.controlPeriodS();
    }

    @Override
    public double fastPeriodS() {
        return protection.enabled() ? protection.periodS() : Double.NaN;
    }

    private void build(PowerSystem power, ThermalControl thermal, List<? extends AcceleratorBoard> boards) {
        TimeSource time = new TimeSource() {
            @Override
            public Instant now() {
                return now;
            }

            @Override
            public void awaitUntil(Instant instant) {
                throw new UnsupportedOperationException("the scenario runner drives time");
            }

            @Override
            public boolean isVirtual() {
                return true; // the scenario's time: board commands run inline, the run stays deterministic
            }
        };
        HardwareAssembly hw = new HardwareAssembly(time, power, thermal, List.copyOf(boards), Map.of());
        chain = ControlChain.build(hw, config, ModeConfig.defaults(), FdirConfig.defaults(), ActuationConfig.defaults(),
                protection, Workload.everyBoardBusy(), (id, why) -> { }, events::add);
        if (!ephemeris.isEmpty()) {
            chain.throttler().forecaster().uplink(ephemeris);
        }
        if (elements != null) {
            orbit = new OrbitKnowledge(OrbitConfig.defaults(), chain.throttler().forecaster(), null, null, events::add, true);
            orbit.start(now);
            orbit.accept(ElementSet.parse(elements), now);
        }
    }

    @Override
    public void fastControl(Instant t, PowerSystem power, List<? extends AcceleratorBoard> boards) {
        now = t;
        if (chain == null) {
            return; // the first control tick builds the chain (the runner calls it right after)
        }
        try {
            chain.protection().tick(t);
        } catch (RuntimeException e) {
            failures.add(t + " " + chain.protection().name() + ": " + e);
        }
        ProtectionTrip trip = chain.protection().lastTrip();
        if (trip != null && trip.at().equals(t)) {
            trips.add(trip);
        }
    }

    @Override
    public void control(Instant t, PowerSystem power, ThermalControl thermal, List<? extends AcceleratorBoard> boards) {
        now = t;
        if (chain == null) {
            build(power, thermal, boards);
        }
        // As the control rate group does: a component that throws is counted, the others still run.
        for (io.sunsync.flight.sched.Scheduled component : List.of(chain.sampler(), chain.fdir(), chain.throttler())) {
            try {
                component.tick(t);
            } catch (RuntimeException e) {
                failures.add(t + " " + component.name() + ": " + e);
            }
        }
        if (orbit != null && (nextPlanning == null || !t.isBefore(nextPlanning))) { // the planning rate group
            nextPlanning = t.plusMillis(Math.round(OrbitConfig.defaults().planningPeriodS() * 1000));
            try {
                orbit.tick(t);
            } catch (RuntimeException e) {
                failures.add(t + " " + orbit.name() + ": " + e);
            }
        }
    }

    /** The orbit knowledge flying the uplinked elements (after the first tick), or null without elements. */
    public OrbitKnowledge orbit() {
        return orbit;
    }

    /** Exceptions that escaped a component (each would be a rate-group failure on orbit). */
    public List<String> failures() {
        return failures;
    }

    /** Events the chain reported. */
    public List<Event> events() {
        return events;
    }

    /** The fast power protection's trips, in order. */
    public List<ProtectionTrip> trips() {
        return List.copyOf(trips);
    }

    /** The chain (after the first tick). */
    public ControlChain chain() {
        return chain;
    }
}
