package io.sunsync.hal.accel;

import io.sunsync.hal.CommandResult;
import io.sunsync.hal.SafeState;
import java.util.List;
import java.util.Optional;

/**
 * One accelerator board (a GPU or similar) whose power can be capped.
 *
 * <p>Threading: {@link #spec()} and {@link #read()} may be called from any thread, also while a
 * command to the same board runs on another. Commands ({@link #setCap}, {@link #setEnabled},
 * {@link #reset}) to one board are issued one at a time (flight's actuator keeps one lane per
 * board), but commands to different boards of one backend may run at the same time on different
 * threads: implementations guard their own state and whatever they share between boards.
 * Commands are verified by reading back; a failure is returned as a {@link CommandResult}
 * carrying the fault, never thrown.
 *
 * <p>Safe state ({@link #safeState()}): disabled ({@code setEnabled(false)}): the board admits no
 * work and draws its least (off where the hardware can switch it off, else at its lowest cap or
 * power mode: GPUs through NVML or nvidia-smi at their minimum power limit, a Jetson in its lowest
 * nvpmodel mode, a CPU package's cpufreq policies parked at their minimum). Flight drives every
 * board there when it stops, when it enters safe mode, and in the fast power-protection shed;
 * where the backend can drive many boards there in one device operation, the board offers a
 * {@link SafeStateGroup} ({@link #safeStateGroup()}).
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

    /** The board's declared safe state: disabled ({@code enabled=false}). */
    default SafeState safeState() {
        return new SafeState(List.of(new SafeState.Output("enabled", "false")),
                "disabled: admits no work and draws its least (off, or its lowest cap or power mode)");
    }

    /**
     * Drives the board to its {@link #safeState()}: {@code setEnabled(false)}, verified by reading
     * back like every command. Never throws; a failure is returned. Called like the other commands
     * (one at a time per board).
     */
    default CommandResult applySafeState() {
        return setEnabled(false);
    }

    /**
     * The group this board can be driven to its safe state with, in one device operation together
     * with the group's other boards ({@link SafeStateGroup}); empty (the default) where the backend
     * has no such operation. Boards of one backend instance return the same group.
     */
    default Optional<SafeStateGroup> safeStateGroup() {
        return Optional.empty();
    }

    /**
     * Runs the simulation's synthetic kernel on the board: the SHA-256 digest of {@code input}, as
     * the output of one work item of a synthetic job computed there. It stands in for a job's own
     * kernel, so that a board's silent data corruption reaches the job's result as it would on
     * real hardware: as a wrong digest, with no error. Empty where the backend runs no synthetic
     * work (real hardware, where jobs are processes); the caller then computes the digest itself.
     *
     * @param input     the work item's identity
     * @param workUnits the work the item took, in work units (&gt;= 0); corruption is more likely
     *                  the longer an item computes
     * @return the 32-byte digest as the board computed it, or empty
     */
    default Optional<byte[]> runSyntheticKernel(byte[] input, double workUnits) {
        return Optional.empty();
    }
}
