package io.sunsync.hal.accel;

import io.sunsync.hal.CommandResult;

/**
 * One accelerator board (a GPU or similar) whose power can be capped.
 *
 * <p>Threading: called from the flight control loop only. Commands are verified by reading
 * back; a failure is returned as a {@link CommandResult} carrying the fault, never thrown.
 */
public interface AcceleratorBoard {

    /** Identity and ratings of the board. */
    BoardSpec spec();

    /** Samples the board now. */
    BoardReading read();

    /**
     * Sets the board's power cap.
     *
     * @param capW the cap in W, within [{@link BoardSpec#minCapW()}, {@link BoardSpec#maxCapW()}]
     */
    CommandResult setCap(double capW);

    /** Enables (powers and admits work to) or disables the board. */
    CommandResult setEnabled(boolean enabled);

    /** Resets the board (recovers from a hang or upset); it is unavailable while resetting. */
    CommandResult reset();
}
