package io.sunsync.flight.app;

import io.sunsync.flight.cmd.CommandFailure;
import io.sunsync.flight.cmd.FailReason;
import io.sunsync.flight.cmd.ModeControl;
import io.sunsync.flight.mode.FlightMode;
import io.sunsync.flight.mode.ModeAutomaton;
import io.sunsync.flight.sched.Scheduled;
import io.sunsync.hal.time.TimeSource;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Commanding's {@link ModeControl} port over the {@link ModeAutomaton}. Mode commands execute
 * in the control loop (the automaton is driven on the scheduler thread); each commanding tick
 * this watches the mode and tells listeners of every change, autonomous ones included, so arm
 * tokens are cleared whatever changed the mode.
 *
 * <p>Threading: {@link #requestMode} and {@link #tick} on the scheduler thread; reads from any.
 */
final class AutomatonModeControl implements ModeControl, Scheduled {
    private final ModeAutomaton automaton;
    private final TimeSource time;
    private final List<Consumer<String>> listeners = new CopyOnWriteArrayList<>();
    private volatile FlightMode seen;

    AutomatonModeControl(ModeAutomaton automaton, TimeSource time) {
        this.automaton = automaton;
        this.time = time;
        this.seen = automaton.mode();
    }

    @Override
    public String currentMode() {
        return automaton.mode().name();
    }

    @Override
    public List<String> modes() {
        return Arrays.stream(FlightMode.values()).map(Enum::name).toList();
    }

    @Override
    public boolean allows(String commandName) {
        return automaton.allows(commandName);
    }

    @Override
    public void requestMode(String mode, String reason) throws CommandFailure {
        FlightMode target;
        try {
            target = FlightMode.valueOf(mode);
        } catch (IllegalArgumentException e) {
            throw new CommandFailure(FailReason.NOT_FOUND, "no mode " + mode);
        }
        automaton.command(time.now(), target);
        tick(time.now());
    }

    @Override
    public void onModeChange(Consumer<String> listener) {
        listeners.add(listener);
    }

    @Override
    public String name() {
        return "mode-watch";
    }

    @Override
    public void tick(Instant now) {
        FlightMode m = automaton.mode();
        if (m != seen) {
            seen = m;
            listeners.forEach(l -> l.accept(m.name()));
        }
    }
}
