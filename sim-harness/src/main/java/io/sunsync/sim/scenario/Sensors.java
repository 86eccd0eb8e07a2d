package io.sunsync.sim.scenario;

import io.sunsync.hal.config.ConfigException;

/**
 * What the sensors get wrong (the sources of each figure are in {@code docs/sim-harness.md#sensors}).
 * Each effect is on unless switched off here; {@link #ideal()} reads the truth.
 *
 * @param noise   white noise and the sensor's resolution on every reading (default true)
 * @param bias    a fixed gain and offset error per sensor, drawn from the seed (default true)
 * @param gainPct gain errors that replace the drawn ones, by sensor key, in % (e.g.
 *                {@code power.arrayPowerW: -3}: the array sensor reads 3 % low); applied even with
 *                {@code bias: false}
 * @param gauge   the battery gauge
 * @param arrayReadsDelivered the array sensor reports what flows, not what the array could give: while
 *                the shunt regulator curtails the array, {@code arrayAvailableW} reads the delivered power
 *                (the same sensor as {@code arrayPowerW}), as a real power system's telemetry does
 *                (default true; false: {@code arrayAvailableW} sees the maximum power point)
 */
public record Sensors(Boolean noise, Boolean bias, java.util.Map<String, Double> gainPct, Gauge gauge,
                      Boolean arrayReadsDelivered) {
    public Sensors {
        noise = noise == null || noise;
        bias = bias == null || bias;
        arrayReadsDelivered = arrayReadsDelivered == null || arrayReadsDelivered;
        gauge = gauge == null ? new Gauge(null, null, null) : gauge;
        gainPct = gainPct == null ? java.util.Map.of() : java.util.Map.copyOf(gainPct);
        for (var e : gainPct.entrySet()) {
            if (e.getValue() == null || !(e.getValue() >= -50 && e.getValue() <= 50)) {
                throw new ConfigException("gainPct." + e.getKey(), "must be a gain error in [-50, 50] %, was "
                        + e.getValue());
            }
        }
    }

    /** Perfect sensors: every reading is the truth. */
    public static Sensors ideal() {
        return new Sensors(false, false, null, Gauge.ideal(), false);
    }

    /** True when no reading differs from the truth. */
    public boolean perfect() {
        return !noise && !bias && gainPct.isEmpty() && gauge.perfect() && !arrayReadsDelivered;
    }

    /** These sensors with gauge {@code g}. */
    public Sensors withGauge(Gauge g) {
        return new Sensors(noise, bias, gainPct, g, arrayReadsDelivered);
    }

    /** These sensors with the gain errors {@code gains} (by sensor key, in %) in place of the drawn ones. */
    public Sensors withGainPct(java.util.Map<String, Double> gains) {
        return new Sensors(noise, bias, gains, gauge, arrayReadsDelivered);
    }
}
