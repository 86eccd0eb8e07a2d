package io.sunsync.flight.app;

import io.sunsync.flight.actuate.ActuationConfig;
import io.sunsync.flight.cmd.CommandingConfig;
import io.sunsync.flight.fdir.FdirConfig;
import io.sunsync.flight.jobs.JobsConfig;
import io.sunsync.flight.link.LinkConfig;
import io.sunsync.flight.mode.ModeConfig;
import io.sunsync.flight.orbit.OrbitConfig;
import io.sunsync.flight.protect.ProtectionConfig;
import io.sunsync.flight.throttle.ThrottlerConfig;
import io.sunsync.flight.link.Topics;
import io.sunsync.hal.config.ConfigException;
import io.sunsync.hal.config.ConfigReader;
import io.sunsync.hal.config.HardwareConfig;
import java.nio.file.Path;

/**
 * A satellite's config file (YAML or JSON), validated on load; see
 * {@code docs/configuration.md} and {@code flight/config/}.
 *
 * @param satellite  identity
 * @param link       the MQTT link
 * @param telemetry  telemetry rates
 * @param hardware   a backend per device
 * @param throttler  the power-aware throttler (defaults if absent)
 * @param modes      autonomous mode changes (defaults if absent)
 * @param fdir       fault protection (defaults if absent)
 * @param actuation  how commands reach the boards: concurrency, time limits, budgets (defaults if absent)
 * @param protection the fast power-protection path (defaults if absent)
 * @param orbit      on-board orbit knowledge: elements accepted, prediction horizon and uncertainty,
 *                   GNSS refresh (defaults if absent)
 * @param commanding telecommand authentication and state; null: the satellite accepts no commands
 * @param jobs       the job runner (data directory, quotas); null: no job runner
 */
public record FlightConfig(Satellite satellite, LinkConfig link, Telemetry telemetry, HardwareConfig hardware,
                           ThrottlerConfig throttler, ModeConfig modes, FdirConfig fdir, ActuationConfig actuation,
                           ProtectionConfig protection, OrbitConfig orbit, CommandingConfig commanding, JobsConfig jobs) {
    public FlightConfig {
        ConfigException.require(satellite, "satellite");
        ConfigException.require(link, "link");
        ConfigException.require(hardware, "hardware");
        telemetry = telemetry == null ? new Telemetry(null) : telemetry;
        throttler = throttler == null ? ThrottlerConfig.defaults() : throttler;
        modes = modes == null ? ModeConfig.defaults() : modes;
        fdir = fdir == null ? FdirConfig.defaults() : fdir;
        actuation = actuation == null ? ActuationConfig.defaults() : actuation;
        protection = protection == null ? ProtectionConfig.defaults() : protection;
        orbit = orbit == null ? OrbitConfig.defaults() : orbit;
    }

    /** Reads and validates a config file; errors name the key. */
    public static FlightConfig load(Path file) {
        return ConfigReader.read(file, FlightConfig.class);
    }

    /**
     * The satellite's identity.
     *
     * @param id the satellite id used in topics, e.g. {@code sat-001}
     */
    public record Satellite(String id) {
        public Satellite {
            ConfigException.require(id, "id");
            if (!Topics.SATELLITE_ID.matcher(id).matches()) {
                throw new ConfigException("id", "'" + id + "' must be lower-case letters, digits and '-', 1-32 long");
            }
        }
    }

    /**
     * Telemetry rates.
     *
     * @param housekeepingPeriodS seconds between housekeeping frames (0.1 .. 3600, default 1)
     */
    public record Telemetry(Double housekeepingPeriodS) {
        public Telemetry {
            housekeepingPeriodS = housekeepingPeriodS == null ? 1.0 : housekeepingPeriodS;
            if (!(housekeepingPeriodS >= 0.1 && housekeepingPeriodS <= 3600)) {
                throw new ConfigException("housekeepingPeriodS", "must be in [0.1, 3600] s, was " + housekeepingPeriodS);
            }
        }
    }
}
