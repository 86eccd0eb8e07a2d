package io.sunsync.hal.nav;

import io.sunsync.hal.CommandResult;
import io.sunsync.hal.SafeState;

/**
 * A navigation receiver (GNSS): where the satellite is, how fast it moves and what time it is,
 * from the navigation satellites it tracks. Optional: a satellite without one flies on the
 * elements the ground uplinks.
 *
 * <p>Threading: called from one flight thread at a time; implementations need not be thread
 * safe unless they say so. {@link #read()} never throws for a bad receiver: no solution, a
 * stale one, or one that cannot be an orbit comes back as a fix whose quality is not usable,
 * with a {@link io.sunsync.hal.HalFault} saying why ({@link NavigationChecks}). The receiver has
 * no actuators, so its safe state is simply "not used": flight ignores fixes that are not usable.
 */
public interface NavigationReceiver {

    /** The receiver's rated accuracy and how old a solution may be. */
    NavigationSpec spec();

    /**
     * The latest solution now.
     *
     * @return a fix, never {@code null}; without a usable solution its quantities are NaN or its
     *         quality says why they may not be used
     */
    NavigationFix read();

    /** The declared safe state: nothing to command (the receiver has no actuators). */
    default SafeState safeState() {
        return SafeState.nothingToCommand("no actuators: flight ignores fixes that are not usable");
    }

    /** Drives the receiver to its {@link #safeState()}: sends nothing and succeeds. */
    default CommandResult applySafeState() {
        return CommandResult.success();
    }
}
