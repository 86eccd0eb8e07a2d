package io.sunsync.hal.thermal;

import io.sunsync.hal.HalFault;
import io.sunsync.hal.Quality;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One sample of the thermal hardware.
 *
 * @param at      when the sample was taken
 * @param zones   every zone's temperature
 * @param loops   every loop's state
 * @param quality the worst quality of the parts
 * @param faults  faults seen while sampling
 */
public record ThermalReading(Instant at, List<ZoneTemperature> zones, List<LoopState> loops,
                             Quality quality, List<HalFault> faults) {
    public ThermalReading {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(quality, "quality");
        zones = List.copyOf(zones);
        loops = List.copyOf(loops);
        faults = List.copyOf(faults);
    }

    /**
     * One zone's temperature.
     *
     * @param name    zone name
     * @param tempC   temperature in °C (NaN when unreadable)
     * @param quality how far it can be trusted
     */
    public record ZoneTemperature(String name, double tempC, Quality quality) {
    }

    /**
     * One pumped loop's state.
     *
     * @param name          loop name
     * @param pumpOn        the pump is commanded on
     * @param pumpFailed    the pump is commanded on but not moving fluid
     * @param flowLpm       coolant flow, in L/min
     * @param heaterOn      the loop heater is on
     * @param radiatorTempC radiator temperature, in °C
     * @param quality       how far the loop's readings can be trusted
     */
    public record LoopState(String name, boolean pumpOn, boolean pumpFailed, double flowLpm,
                            boolean heaterOn, double radiatorTempC, Quality quality) {
    }
}
