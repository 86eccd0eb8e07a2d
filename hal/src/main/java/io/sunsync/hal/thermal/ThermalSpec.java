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
     * @param boards  ids of the accelerator boards this zone cools (empty when unknown), so the
     *                throttler can bring exactly those down when the zone runs hot
     */
    public record ZoneSpec(String name, double minC, double maxC, List<String> boards) {
        public ZoneSpec {
            if (!(maxC > minC)) {
                throw new IllegalArgumentException("zone " + name + ": maxC must exceed minC");
            }
            boards = boards == null ? List.of() : List.copyOf(boards);
        }

        /** A zone that cools no known boards. */
        public ZoneSpec(String name, double minC, double maxC) {
            this(name, minC, maxC, List.of());
        }
    }
}
