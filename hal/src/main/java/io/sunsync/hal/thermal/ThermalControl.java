package io.sunsync.hal.thermal;

import io.sunsync.hal.CommandResult;

/**
 * Thermal control hardware: temperature zones, pumped fluid loops to the radiators, heaters.
 *
 * <p>Threading: called from the flight control loop only. Neither {@link #read()} nor the
 * commands throw for a hardware problem; they report it as a fault.
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
}
