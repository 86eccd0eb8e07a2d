package io.sunsync.flight.actuate;

import io.sunsync.hal.CommandResult;
import io.sunsync.hal.accel.AcceleratorBoard;
import java.util.Locale;

/** One command to one board, as the actuator runs it. Immutable. */
public sealed interface BoardCommand permits BoardCommand.SetCap, BoardCommand.SetEnabled, BoardCommand.Reset,
        BoardCommand.SafeState {

    /** Runs the command on {@code board} (on an actuator lane). */
    CommandResult applyTo(AcceleratorBoard board);

    /** The command as events name it, e.g. {@code setCap}, {@code setEnabled(false)}, {@code reset}. */
    String label();

    /** Sets the board's power cap. @param capW the cap, in W */
    record SetCap(double capW) implements BoardCommand {
        @Override
        public CommandResult applyTo(AcceleratorBoard board) {
            return board.setCap(capW);
        }

        @Override
        public String label() {
            return "setCap";
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "setCap(%.1f W)", capW);
        }
    }

    /** Enables or disables the board (disabled is its safe state). */
    record SetEnabled(boolean enabled) implements BoardCommand {
        @Override
        public CommandResult applyTo(AcceleratorBoard board) {
            return board.setEnabled(enabled);
        }

        @Override
        public String label() {
            return "setEnabled(" + enabled + ")";
        }
    }

    /** Resets the board. */
    record Reset() implements BoardCommand {
        @Override
        public CommandResult applyTo(AcceleratorBoard board) {
            return board.reset();
        }

        @Override
        public String label() {
            return "reset";
        }
    }

    /** Drives the board to the safe state its capability declares ({@link AcceleratorBoard#applySafeState()}). */
    record SafeState() implements BoardCommand {
        @Override
        public CommandResult applyTo(AcceleratorBoard board) {
            return board.applySafeState();
        }

        @Override
        public String label() {
            return "applySafeState";
        }
    }

    /** {@code setCap(capW)}. */
    static BoardCommand cap(double capW) {
        return new SetCap(capW);
    }

    /** {@code setEnabled(enabled)}. */
    static BoardCommand enabled(boolean enabled) {
        return new SetEnabled(enabled);
    }

    /** {@code reset()}. */
    static BoardCommand reset() {
        return new Reset();
    }

    /** {@code applySafeState()}. */
    static BoardCommand safeState() {
        return new SafeState();
    }
}
