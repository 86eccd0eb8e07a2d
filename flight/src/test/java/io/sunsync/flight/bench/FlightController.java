package io.sunsync.flight.bench;

import io.sunsync.flight.app.ControlChain;
import io.sunsync.flight.events.Event;
import io.sunsync.flight.fdir.FdirConfig;
import io.sunsync.flight.mode.ModeConfig;
import io.sunsync.flight.throttle.EclipseWindow;
import io.sunsync.flight.throttle.ThrottlerConfig;
import io.sunsync.flight.throttle.Workload;
import io.sunsync.hal.accel.AcceleratorBoard;
import io.sunsync.hal.config.HardwareAssembly;
import io.sunsync.hal.power.PowerSystem;
import io.sunsync.hal.thermal.ThermalControl;
import io.sunsync.hal.time.TimeSource;
import io.sunsync.sim.control.SimController;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The flight software's real control chain (sampler, fault protection, modes, throttler) run by
 * the sim harness's scenario runner in lockstep, seeing the satellite only through the hal
 * devices, as on orbit. Every board always has work (a saturated synthetic load).
 */
public final class FlightController implements SimController {
    private final ThrottlerConfig config;
    private final List<EclipseWindow> ephemeris;
    private final List<Event> events = new ArrayList<>();
    private final List<String> failures = new ArrayList<>();
    private ControlChain chain;
    private Instant now;

    /**
     * @param ephemeris eclipse windows uplinked by the ground before the run (empty: the throttler
     *                  learns them from what it observes)
     */
    public FlightController(ThrottlerConfig config, List<EclipseWindow> ephemeris) {
        this.config = config;
        this.ephemeris = List.copyOf(ephemeris);
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
    public void control(Instant t, PowerSystem power, ThermalControl thermal, List<? extends AcceleratorBoard> boards) {
        now = t;
        if (chain == null) {
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
            chain = ControlChain.build(hw, config, ModeConfig.defaults(), FdirConfig.defaults(),
                    Workload.everyBoardBusy(), (id, why) -> { }, events::add);
            if (!ephemeris.isEmpty()) {
                chain.throttler().forecaster().uplink(ephemeris);
            }
        }
        // As the control rate group does: a component that throws is counted, the others still run.
        for (io.sunsync.flight.sched.Scheduled component : List.of(chain.sampler(), chain.fdir(), chain.throttler())) {
            try {
                component.tick(t);
            } catch (RuntimeException e) {
                failures.add(t + " " + component.name() + ": " + e);
            }
        }
    }

    /** Exceptions that escaped a component (each would be a rate-group failure on orbit). */
    public List<String> failures() {
        return failures;
    }

    /** Events the chain reported. */
    public List<Event> events() {
        return events;
    }

    /** The chain (after the first tick). */
    public ControlChain chain() {
        return chain;
    }
}
