package io.sunsync.flight.cmd;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * A stand-in {@link ModeControl}: a mode held in memory that changes when asked, with no
 * fault protection behind it. Thread safe.
 */
public final class InMemoryModeControl implements ModeControl {
    /** The flight modes of docs/architecture.md. */
    public static final List<String> FLIGHT_MODES = List.of("NOMINAL", "POWER_SAVE", "SAFE");

    private final List<String> modes;
    private final List<Consumer<String>> listeners = new CopyOnWriteArrayList<>();
    private volatile String mode;

    /** @param initial one of {@code modes} */
    public InMemoryModeControl(List<String> modes, String initial) {
        this.modes = List.copyOf(modes);
        if (!this.modes.contains(initial)) {
            throw new IllegalArgumentException("initial mode " + initial + " not in " + modes);
        }
        this.mode = initial;
    }

    /** NOMINAL / POWER_SAVE / SAFE, starting in NOMINAL. */
    public InMemoryModeControl() {
        this(FLIGHT_MODES, "NOMINAL");
    }

    @Override
    public String currentMode() {
        return mode;
    }

    @Override
    public List<String> modes() {
        return modes;
    }

    @Override
    public void requestMode(String newMode, String reason) throws CommandFailure {
        if (!modes.contains(newMode)) {
            throw new CommandFailure(FailReason.NOT_FOUND, "no mode " + newMode);
        }
        synchronized (this) {
            if (newMode.equals(mode)) {
                return;
            }
            mode = newMode;
        }
        listeners.forEach(l -> l.accept(newMode));
    }

    @Override
    public void onModeChange(Consumer<String> listener) {
        listeners.add(listener);
    }
}
