package io.sunsync.sim;

import io.sunsync.hal.config.ConfigException;
import io.sunsync.sim.accel.WallClockLatency;
import io.sunsync.sim.scenario.Scenario;
import java.time.Instant;

/**
 * Settings of the {@code sim} backend, from {@code hardware.backends.sim} in the satellite
 * config. The scenario file describes the satellite; the other keys override parts of it.
 *
 * @param scenario     scenario file, relative to the config file (default: the built-in reference scenario)
 * @param epoch        mission time at the start (UTC); overrides the scenario's {@code start}
 * @param speed        virtual seconds per wall second; 0 runs as fast as the model allows (default 0)
 * @param seed         random seed (same seed, same run); overrides the scenario's
 * @param altitudeKm   circular orbit altitude, in km; overrides the scenario's
 * @param boards       number of accelerator boards; overrides the scenario's
 * @param truthLog     JSON-lines truth log to write, relative to the config file (default: none)
 * @param truthSampleS truth sample period, in s (default 60)
 * @param truthOracle  write the oracle's bound for the time run into the truth log at exit (default true)
 * @param wallLatency  wall-clock cost of the boards' device calls, as a real backend's would take
 *                     ({@link WallClockLatency}; default none). Wall time only: virtual time and the
 *                     physics are unchanged
 */
public record SimSettings(String scenario, Instant epoch, Double speed, Long seed, Double altitudeKm, Integer boards,
                          String truthLog, Double truthSampleS, Boolean truthOracle, WallClockLatency wallLatency) {
    public SimSettings {
        truthOracle = truthOracle == null || truthOracle;
        wallLatency = wallLatency == null ? WallClockLatency.preset("none") : wallLatency;
        speed = speed == null ? 0.0 : speed;
        truthSampleS = truthSampleS == null ? 60.0 : truthSampleS;
        if (speed < 0 || speed.isNaN() || speed.isInfinite()) {
            throw new ConfigException("speed", "must be >= 0 (0 = as fast as possible), was " + speed);
        }
        if (altitudeKm != null && !(altitudeKm >= 160 && altitudeKm <= 2000)) {
            throw new ConfigException("altitudeKm", "must be a low Earth orbit altitude in [160, 2000] km, was "
                    + altitudeKm);
        }
        if (boards != null && (boards < 0 || boards > 1024)) {
            throw new ConfigException("boards", "must be in [0, 1024], was " + boards);
        }
        if (!(truthSampleS > 0)) {
            throw new ConfigException("truthSampleS", "must be > 0, was " + truthSampleS);
        }
        if (scenario != null && scenario.isBlank()) {
            throw new ConfigException("scenario", "must name a scenario file (or be left out for the reference scenario)");
        }
    }

    /** No overrides: the reference scenario, flat out. */
    public static SimSettings defaults() {
        return new SimSettings(null, null, null, null, null, null, null, null, null, null);
    }

    /** {@code base} with this config's overrides applied. */
    public Scenario apply(Scenario base) {
        return base.with(epoch, seed, boards, altitudeKm);
    }
}
