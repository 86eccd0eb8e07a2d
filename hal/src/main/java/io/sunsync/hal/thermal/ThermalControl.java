package io.sunsync.hal.thermal;

import io.sunsync.hal.CommandResult;
import io.sunsync.hal.SafeState;
import java.util.ArrayList;
import java.util.List;

/**
 * Thermal control hardware: temperature zones, pumped fluid loops to the radiators, heaters.
 *
 * <p>Threading: called from the flight control loop only. Neither {@link #read()} nor the
 * commands throw for a hardware problem; they report it as a fault.
 *
 * <p>Safe state ({@link #safeState()}): every loop's pump on, so heat keeps moving to the
 * radiators whatever the boards do; heaters per set point, that is not commanded by the safe
 * state: while flight runs, fault protection's thermostat keeps each loop's heater on below its
 * zone's warn band above the lower limit and off once it recovers (docs/fdir.md), and after flight
 * stops a heater holds the state that thermostat last gave it.
 */
public interface ThermalControl {

    /** The zones and loops fitted and their limits. */
    ThermalSpec spec();

    /** Samples every zone temperature and loop state now. */
    ThermalReading read();

    /**
     * Switches a loop's pump, verified by reading back.
     *
     * @param loop a loop name from {@link ThermalSpec#loops()}
     * @param on   true to run the pump
     */
    CommandResult setPump(String loop, boolean on);

    /**
     * Switches a loop's heater (used to keep the loop above its freezing limit), verified by
     * reading back.
     *
     * @param loop a loop name from {@link ThermalSpec#loops()}
     * @param on   true to heat
     */
    CommandResult setHeater(String loop, boolean on);

    /** The declared safe state: {@code <loop>.pump=on} for every loop, heaters per set point (not commanded). */
    default SafeState safeState() {
        List<SafeState.Output> outputs = new ArrayList<>();
        for (String loop : spec().loops()) {
            outputs.add(new SafeState.Output(loop + ".pump", "on"));
        }
        return new SafeState(outputs, "every pump on; heaters per set point (fault protection's thermostat), "
                + "not commanded");
    }

    /**
     * Drives the hardware to its {@link #safeState()}: switches every loop's pump on (verified by
     * reading back, like {@link #setPump}), every loop tried even when one fails; sends no heater
     * command. Never throws.
     *
     * @return success, or the first loop's failure
     */
    default CommandResult applySafeState() {
        CommandResult first = CommandResult.success();
        for (String loop : spec().loops()) {
            CommandResult r = setPump(loop, true);
            if (!r.ok() && first.ok()) {
                first = r;
            }
        }
        return first;
    }
}
