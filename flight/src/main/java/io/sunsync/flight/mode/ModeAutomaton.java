package io.sunsync.flight.mode;

import io.sunsync.flight.events.Event;
import io.sunsync.flight.events.EventSink;
import io.sunsync.flight.events.Severity;
import io.sunsync.flight.fdir.LimitMonitor;
import io.sunsync.flight.fdir.LimitState;
import io.sunsync.flight.fdir.Limits;
import io.sunsync.flight.throttle.ModePolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Owns the flight mode. Each tick it judges the battery (through a persistent limit monitor),
 * thermal alarms, fault counts and sensor health, and moves between NOMINAL, POWER_SAVE and
 * SAFE on its own - safe mode never needs the ground. It leaves a degraded mode only after the
 * conditions have cleared for {@code exitHoldS} (hysteresis), and never leaves a mode the
 * ground commanded except by command. Every transition is an event.
 *
 * <p>Listeners ({@link #addListener}) are told of every transition after its event, on the thread
 * that caused it: the composition root drives the hardware to its safe state on entry to SAFE.
 *
 * <p>Threading: {@link #update} and {@link #command} are called on the control thread (commands
 * are handed to it by the command executor); {@link #mode()} may be read from any thread.
 */
public final class ModeAutomaton {
    /** Commands refused in SAFE mode (the rest are allowed in every mode). */
    private static final Set<String> NOT_IN_SAFE = Set.of("job.submit", "board.enable", "board.cap");

    private final ModeConfig config;
    private final EventSink events;
    private final LimitMonitor battery;
    private volatile FlightMode mode = FlightMode.NOMINAL;
    private boolean commanded;
    private String reason = "start";
    private Instant clearSince;
    private long transitions;
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();

    /** Told of each mode transition (not of a mode entered again), on the control thread; must not block long. */
    @FunctionalInterface
    public interface Listener {
        /**
         * @param t      mission time of the transition
         * @param from   the mode left
         * @param to     the mode entered
         * @param reason why
         */
        void entered(Instant t, FlightMode from, FlightMode to, String reason);
    }

    public ModeAutomaton(ModeConfig config, EventSink events) {
        this.config = config;
        this.events = events;
        this.battery = new LimitMonitor("battery.socAboveFloorPct", "%",
                Limits.below(config.safeBelowMarginPct(), config.powerSaveBelowMarginPct()), config.persistence(), events);
    }

    /** Adds a listener for mode transitions (while wiring, before the control loop runs). */
    public void addListener(Listener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /** The current mode. */
    public FlightMode mode() {
        return mode;
    }

    /** Why the satellite is in its current mode. */
    public String reason() {
        return reason;
    }

    /** The battery monitor (state of charge above the floor). */
    public LimitMonitor batteryMonitor() {
        return battery;
    }

    /** Mode transitions since start. */
    public long transitions() {
        return transitions;
    }

    /** What the current mode lets the throttler do. */
    public ModePolicy policy() {
        return mode.policy(config.powerSaveBudgetScale(), config.powerSaveMinWeight());
    }

    /** True if {@code commandName} may run in the current mode. */
    public boolean allows(String commandName) {
        return mode != FlightMode.SAFE || !NOT_IN_SAFE.contains(commandName);
    }

    /** A mode change commanded by the ground; it holds until the ground commands another. */
    public void command(Instant t, FlightMode target) {
        commanded = target != FlightMode.NOMINAL;
        enter(t, target, "commanded by ground", Severity.MEDIUM);
    }

    /** Judges one tick's inputs and changes mode if they say so. */
    public void update(Instant t, ModeInputs in) {
        LimitState soc = battery.sample(t, in.socAboveFloorPct());
        String safeCause = null;
        if (soc == LimitState.RED_LOW) {
            safeCause = "battery below floor + " + config.safeBelowMarginPct() + " %";
        } else if (in.thermalRed()) {
            safeCause = "thermal limit exceeded";
        } else if (in.recentIsolations() >= config.faultsForSafe()) {
            safeCause = in.recentIsolations() + " boards isolated within " + config.faultWindowS().intValue() + " s";
        }
        String powerSaveCause = null;
        if (soc == LimitState.YELLOW_LOW) {
            powerSaveCause = "battery below floor + " + config.powerSaveBelowMarginPct() + " %";
        } else if (in.powerSensorLostS() >= config.sensorLossForPowerSaveS()) {
            powerSaveCause = "power readings unusable for " + (long) in.powerSensorLostS() + " s";
        }
        if (safeCause != null) {
            clearSince = null;
            if (mode != FlightMode.SAFE) {
                commanded = false;
                enter(t, FlightMode.SAFE, safeCause, Severity.HIGH);
            }
            return;
        }
        if (powerSaveCause != null) {
            clearSince = null;
            if (mode == FlightMode.NOMINAL) {
                enter(t, FlightMode.POWER_SAVE, powerSaveCause, Severity.MEDIUM);
            }
            return;
        }
        if (mode == FlightMode.NOMINAL || commanded) {
            clearSince = null;
            return;
        }
        double exitMargin = mode == FlightMode.SAFE ? config.safeExitMarginPct() : config.powerSaveExitMarginPct();
        boolean clear = Double.isFinite(in.socAboveFloorPct()) && in.socAboveFloorPct() >= exitMargin
                && (mode == FlightMode.SAFE || in.sunlit());
        if (!clear) {
            clearSince = null;
            return;
        }
        if (clearSince == null) {
            clearSince = t;
        }
        if (Duration.between(clearSince, t).toMillis() / 1000.0 >= config.exitHoldS()) {
            enter(t, FlightMode.NOMINAL, "conditions cleared for " + config.exitHoldS().intValue() + " s", Severity.INFO);
            clearSince = null;
        }
    }

    private void enter(Instant t, FlightMode target, String why, Severity severity) {
        if (target == mode) {
            reason = why;
            return;
        }
        FlightMode from = mode;
        mode = target;
        reason = why;
        transitions++;
        events.emit(new Event(t, severity, "modes", "MODE_" + target.name(), "mode " + from + " -> " + target + ": " + why,
                Map.of("from", from.name(), "to", target.name(), "reason", why)));
        for (Listener l : listeners) {
            l.entered(t, from, target, why);
        }
    }
}
