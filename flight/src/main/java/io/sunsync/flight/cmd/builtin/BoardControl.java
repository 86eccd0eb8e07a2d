package io.sunsync.flight.cmd.builtin;

import io.sunsync.hal.CommandResult;
import io.sunsync.hal.accel.AcceleratorBoard;
import java.time.Instant;

/**
 * What the board commands do to a board. {@link #direct()} calls the hal and nothing else; the
 * composition root supplies one that goes through fault protection, so a board the ground
 * switched off stays off (isolated) until the ground enables it again.
 *
 * <p>Threading: called on the scheduler thread (board commands execute in the control loop).
 */
public interface BoardControl {

    /** Returns the board to service. */
    CommandResult enable(AcceleratorBoard board, Instant now);

    /** Takes the board out of service. */
    CommandResult disable(AcceleratorBoard board, Instant now);

    /**
     * Sets an operator ceiling on a board's cap, in W, that holds until the next one (a ceiling
     * at the board's maximum clears it). The default sets the cap once, straight to the hal.
     */
    default CommandResult capCeiling(AcceleratorBoard board, double capW, Instant now) {
        return board.setCap(capW);
    }

    /** Resets the board. The default goes straight to the hal. */
    default CommandResult reset(AcceleratorBoard board, Instant now) {
        return board.reset();
    }

    /** Straight to the hal. */
    static BoardControl direct() {
        return new BoardControl() {
            @Override
            public CommandResult enable(AcceleratorBoard board, Instant now) {
                return board.setEnabled(true);
            }

            @Override
            public CommandResult disable(AcceleratorBoard board, Instant now) {
                return board.setEnabled(false);
            }
        };
    }
}
