package io.sunsync.flight.protect;

import io.sunsync.hal.config.ConfigException;

/**
 * The {@code protection} section of the satellite config: the fast power-protection path (see
 * {@code docs/throttler.md}, "Fast power protection"). Missing values take the defaults in
 * brackets.
 *
 * @param enabled             run the fast path [true]
 * @param periodS             sample period of the power system, in s (0.01 .. 1) [0.05: 20 Hz]
 * @param dischargeTripPct    shed every board when the battery discharges faster than this share of
 *                            its discharge-rate limit, in % (50 .. 100) [99]
 * @param projectionS         also shed when the discharge, extrapolated this far ahead along the
 *                            array's fall, would pass the trip level, in s (0 .. 5) [0.5]
 * @param projectionWindowS   the array's rate of fall is fitted over this window, in s
 *                            (&ge; 2 periods, &le; 5) [0.25]
 * @param undervoltageTripPct shed when the bus falls below this share of its nominal voltage, in %
 *                            (50 .. 100) [80: below what a battery-held bus reaches at its
 *                            depth-of-discharge floor and full discharge rate, ~86 % on the reference
 *                            satellite, so it never trips on a planned eclipse]
 * @param holdS               after a trip the throttler plans no more than the battery alone can
 *                            carry for this long, so boards do not come back into the falling
 *                            array's last watts, in s (0 .. 3600) [60]
 * @param retripS             a second shed needs the condition to persist this long after the
 *                            first, in s (0 .. 60) [1]
 */
public record ProtectionConfig(Boolean enabled, Double periodS, Double dischargeTripPct, Double projectionS,
                               Double projectionWindowS, Double undervoltageTripPct, Double holdS, Double retripS) {
    public ProtectionConfig {
        enabled = enabled == null || enabled;
        periodS = range("periodS", periodS, 0.05, 0.01, 1);
        dischargeTripPct = range("dischargeTripPct", dischargeTripPct, 99.0, 50, 100);
        projectionS = range("projectionS", projectionS, 0.5, 0, 5);
        projectionWindowS = range("projectionWindowS", projectionWindowS, 0.25, 0, 5);
        if (projectionWindowS < 2 * periodS) {
            throw new ConfigException("projectionWindowS", "must cover at least two samples (2 x periodS = "
                    + 2 * periodS + " s), was " + projectionWindowS);
        }
        undervoltageTripPct = range("undervoltageTripPct", undervoltageTripPct, 80.0, 50, 100);
        holdS = range("holdS", holdS, 60.0, 0, 3600);
        retripS = range("retripS", retripS, 1.0, 0, 60);
    }

    /** Every default. */
    public static ProtectionConfig defaults() {
        return new ProtectionConfig(null, null, null, null, null, null, null, null);
    }

    private static double range(String key, Double v, double dflt, double min, double max) {
        return ConfigException.inRange(key, v, dflt, min, max);
    }
}
