package io.sunsync.hal.power;

import io.sunsync.hal.HalFault;
import io.sunsync.hal.Quality;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One sample of the power system. Powers are in W, voltages in V, energies in Wh.
 * A quantity that could not be read is NaN and the reading's quality is then no better than
 * {@link Quality#FAILED} for it; {@link #faults()} says which and why.
 *
 * @param at                  when the sample was taken
 * @param arrayAvailableW     what the array could deliver now at its maximum power point, in W (&ge; 0)
 * @param arrayPowerW         what the array delivers now (available minus what the regulator curtails), in W
 * @param busVoltageV         main bus voltage, in V
 * @param loadPowerW          total power drawn from the bus by all loads, in W
 * @param batteryPowerW       battery power, in W: positive while charging, negative while discharging
 * @param batteryEnergyWh     energy stored in the battery now, in Wh
 * @param batterySocPct       battery state of charge, in % of capacity (0..100)
 * @param sunlit              true when the array sees the Sun
 * @param stringsOnline       array strings delivering power
 * @param stringsTotal        array strings fitted
 * @param quality             the worst quality of the quantities above
 * @param faults              faults seen while taking this sample (empty when all is well)
 */
public record PowerReading(
        Instant at,
        double arrayAvailableW,
        double arrayPowerW,
        double busVoltageV,
        double loadPowerW,
        double batteryPowerW,
        double batteryEnergyWh,
        double batterySocPct,
        boolean sunlit,
        int stringsOnline,
        int stringsTotal,
        Quality quality,
        List<HalFault> faults) {

    public PowerReading {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(quality, "quality");
        faults = List.copyOf(faults);
    }
}
