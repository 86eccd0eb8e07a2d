package io.sunsync.ground.profile;

import io.sunsync.ground.telemetry.Limits;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * A ground connection profile, as read from {@code ground.yaml}: the broker, the satellites'
 * command keys and the archive folder. Immutable; validated on construction.
 *
 * <pre>
 * broker:
 *   url: ssl://gs1.example:8883
 *   username: operator
 *   password: {file: ~/.config/sunsync/broker.pw}     # or {env: SUNSYNC_BROKER_PASSWORD}
 *   tls: {caFile: ca.pem, certFile: ground.pem, keyFile: ground.key}
 * satellites:
 *   sat-001: {keyFile: keys/sat-001.key, telemetryKeyFile: keys/sat-001.tm-keys.json}
 * archive:
 *   dir: ~/sunsync-archive
 * limits:                                              # the operator's own limits, over built-in ones
 *   power.socPct: {warnLow: 45}
 * </pre>
 *
 * @param broker     the broker (defaults: {@value BrokerProfile#DEFAULT_URL}, anonymous)
 * @param satellites per-satellite command and telemetry keys, by satellite id
 * @param archive    the archive folder, or null
 * @param limits     telemetry limits by dotted point path, laid over the built-in and dictionary limits
 */
public record GroundProfile(BrokerProfile broker, Map<String, SatelliteProfile> satellites, ArchiveProfile archive,
                            Map<String, Limits> limits) {
    public GroundProfile {
        limits = limits == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(limits));
        broker = broker == null ? new BrokerProfile(null, null, null, null, null) : broker;
        satellites = satellites == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(satellites));
        for (String id : satellites.keySet()) {
            if (!id.matches("[A-Za-z0-9_-]{1,64}")) {
                throw new ProfileException(ProfileError.INVALID, "satellites." + id,
                        "'" + id + "' is not a satellite id (letters, digits, '_' or '-')");
            }
        }
    }

    /** The profile of a ground tool run without a profile file. */
    public static GroundProfile defaults() {
        return new GroundProfile(null, null, null, null);
    }

    /** The same profile with another broker section. */
    public GroundProfile withBroker(BrokerProfile b) {
        return new GroundProfile(b, satellites, archive, limits);
    }

    /** The same profile with another archive section. */
    public GroundProfile withArchive(ArchiveProfile a) {
        return new GroundProfile(broker, satellites, a, limits);
    }
}
