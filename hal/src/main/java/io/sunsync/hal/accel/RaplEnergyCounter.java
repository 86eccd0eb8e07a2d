package io.sunsync.hal.accel;

import io.sunsync.hal.FaultCode;
import io.sunsync.hal.Quality;
import io.sunsync.hal.sysfs.Quantity;
import io.sunsync.hal.sysfs.Sample;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * Turns successive readings of a RAPL {@code energy_uj} counter into average power, handling
 * the wrap to 0 after {@code max_energy_range_uj} (about 262 kJ on many packages: at 200 W the
 * counter wraps every 22 minutes). One wrap between samples is recovered exactly; more cannot
 * be told apart, so sample well within the wrap period. Owned by one board; one thread.
 */
public final class RaplEnergyCounter {
    private static final Quantity POWER = Quantity.plain("powerW", "W", 0, 1e5);

    private double lastUj = Double.NaN;
    private Instant lastAt;
    private Sample lastPower = new Sample(Double.NaN, Quality.FAILED, FaultCode.SENSOR_STALE,
            "no earlier energy sample yet");

    /**
     * Takes a new counter reading.
     *
     * @param energyUj   the counter now, in µJ
     * @param maxRangeUj where it wraps, in µJ (may be a failed sample: then a wrap is an error)
     * @param now        when it was read
     * @return the average power since the previous good reading, in W
     */
    public Sample update(Sample energyUj, Sample maxRangeUj, Instant now, String where) {
        if (!energyUj.good()) {
            return energyUj;
        }
        double e = energyUj.value();
        if (lastAt == null || Double.isNaN(lastUj)) {
            lastUj = e;
            lastAt = now;
            return lastPower;
        }
        double dt = Duration.between(lastAt, now).toNanos() / 1e9;
        if (!(dt > 0)) {
            return lastPower;
        }
        double delta = e - lastUj;
        if (delta < 0) {
            if (maxRangeUj.good() && maxRangeUj.value() > lastUj) {
                delta += maxRangeUj.value();
            } else {
                lastUj = e;
                lastAt = now;
                lastPower = Sample.failed(FaultCode.SENSOR_OUT_OF_RANGE, String.format(Locale.ROOT,
                        "%s: energy counter went backwards and max_energy_range_uj is unknown (%s)", where,
                        maxRangeUj.detail()));
                return lastPower;
            }
        }
        lastUj = e;
        lastAt = now;
        lastPower = POWER.check(delta / 1e6 / dt, where + " (energy_uj delta over " + String.format(Locale.ROOT, "%.3f", dt) + " s)");
        return lastPower;
    }
}
