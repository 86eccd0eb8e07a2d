package io.sunsync.flight.cmd;

import java.util.List;
import java.util.function.Consumer;

/**
 * The port commanding uses to read and change the flight mode. The real modes and fault
 * protection implement it; {@link InMemoryModeControl} is the stand-in until they are wired.
 *
 * <p>Threading: implementations are thread safe; listeners run on the thread that changed the
 * mode and must return quickly.
 */
public interface ModeControl {

    /** The current mode, e.g. {@code NOMINAL}. */
    String currentMode();

    /** Every mode, for the dictionary and the {@code mode.set} argument. */
    List<String> modes();

    /**
     * Asks for a mode change on ground command.
     *
     * @param mode   one of {@link #modes()}
     * @param reason why, for the event log
     * @throws CommandFailure if the change is refused now (e.g. {@link FailReason#INVALID_STATE})
     */
    void requestMode(String mode, String reason) throws CommandFailure;

    /**
     * Whether the mode policy lets {@code commandName} run now (on top of the modes a command's
     * spec lists). Default: yes.
     */
    default boolean allows(String commandName) {
        return true;
    }

    /** Calls {@code listener} with the new mode after every change (arm tokens are cleared on it). */
    void onModeChange(Consumer<String> listener);
}
