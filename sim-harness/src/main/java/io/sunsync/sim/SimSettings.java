package io.sunsync.sim;

import io.sunsync.hal.config.ConfigException;
import java.time.Instant;

/**
 * Settings of the {@code sim} backend, from {@code hardware.backends.sim} in the satellite
 * config. Missing values take the reference satellite's defaults.
 *
 * @param epoch          mission time at the start of the run (UTC)
 * @param speed          virtual seconds per wall second; 0 runs as fast as the model allows
 * @param seed           random seed (same seed, same run)
 * @param altitudeKm     circular orbit altitude, in km
 * @param eclipseMin     eclipse length per orbit, in minutes (0 outside the eclipse season)
 * @param boards         number of accelerator boards
 */
public record SimSettings(Instant epoch, Double speed, Long seed, Double altitudeKm, Double eclipseMin,
                          Integer boards) {
    public SimSettings {
        epoch = epoch == null ? Instant.parse("2027-06-21T00:00:00Z") : epoch;
        speed = speed == null ? 0.0 : speed;
        seed = seed == null ? 1L : seed;
        altitudeKm = altitudeKm == null ? 650.0 : altitudeKm;
        eclipseMin = eclipseMin == null ? 19.7 : eclipseMin;
        boards = boards == null ? 96 : boards;
        if (speed < 0 || speed.isNaN()) {
            throw new ConfigException("speed", "must be >= 0 (0 = as fast as possible), was " + speed);
        }
        if (!(altitudeKm >= 160 && altitudeKm <= 2000)) {
            throw new ConfigException("altitudeKm", "must be a low Earth orbit altitude in [160, 2000] km, was " + altitudeKm);
        }
        if (!(eclipseMin >= 0 && eclipseMin < 60)) {
            throw new ConfigException("eclipseMin", "must be in [0, 60) minutes, was " + eclipseMin);
        }
        if (boards < 0 || boards > 1024) {
            throw new ConfigException("boards", "must be in [0, 1024], was " + boards);
        }
    }

    /** The reference satellite's defaults. */
    public static SimSettings defaults() {
        return new SimSettings(null, null, null, null, null, null);
    }
}
