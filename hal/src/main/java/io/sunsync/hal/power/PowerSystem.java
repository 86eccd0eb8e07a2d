package io.sunsync.hal.power;

import io.sunsync.hal.CommandResult;
import io.sunsync.hal.SafeState;

/**
 * The satellite's electrical power system: solar array, battery and main bus.
 *
 * <p>Threading: implementations are called from the flight control loop only and need not be
 * thread safe unless they say so. {@link #read()} never throws for a bad sensor: the problem is
 * reported as a {@link io.sunsync.hal.HalFault} and a quality on the reading.
 *
 * <p>Safe state ({@link #safeState()}): nothing to command. This capability has no output flight
 * may drive: the array, the battery charger and the bus are regulated by the power system's own
 * hardware (shunt regulation, charge control, the battery's protection), which needs no software
 * to be safe; flight keeps the battery safe by the load it draws (the boards' safe state).
 */
public interface PowerSystem {

    /** The fixed ratings of this power system (capacity, floors, limits). */
    PowerSystemSpec spec();

    /**
     * Samples every power quantity now.
     *
     * @return a reading, never {@code null}; unreadable quantities are NaN with quality FAILED
     */
    PowerReading read();

    /** The declared safe state: nothing to command (the power system regulates itself). */
    default SafeState safeState() {
        return SafeState.nothingToCommand("no output flight drives: the array, charger and bus regulate "
                + "themselves in hardware");
    }

    /** Drives the power system to its {@link #safeState()}: sends nothing and succeeds. */
    default CommandResult applySafeState() {
        return CommandResult.success();
    }
}
