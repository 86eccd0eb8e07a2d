package io.sunsync.hal.thermal;

import java.util.List;

/**
 * The thermal hardware fitted.
 *
 * @param zones temperature zones with their limits
 * @param loops pumped radiator loop names
 */
public record ThermalSpec(List<ZoneSpec> zones, List<String> loops) {
    public ThermalSpec {
        zones = List.copyOf(zones);
        loops = List.copyOf(loops);
    }

    /**
     * One temperature zone.
     *
     * @param name    zone name, e.g. {@code cold-plate-1}
     * @param minC    lowest allowed temperature, in °C
     * @param maxC    highest allowed temperature, in °C (&gt; minC)
     */
    public record ZoneSpec(String name, double minC, double maxC) {
        public ZoneSpec {
            if (!(maxC > minC)) {
                throw new IllegalArgumentException("zone " + name + ": maxC must exceed minC");
            }
        }
    }
}
