package io.sunsync.flight.link.auth;

import io.sunsync.flight.cmd.auth.KeyRing;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HexFormat;

/**
 * Signs what the satellite publishes with the active telemetry key: HMAC-SHA256 over
 * {@link TelemetryMacInput}, sent as the MQTT 5 user properties {@link #KID} and {@link #MAC}
 * beside {@code stream} and {@code seq}. The telemetry keys are a {@link KeyRing} of their own
 * (key file {@code link.telemetryKeyFile}, state {@code tm-keys-state.json} beside the outbox),
 * rotated by the critical command {@code telemetry.key.rotate}; a message sent again after a
 * rotation carries the new key's MAC.
 *
 * <p>Key bytes never leave the ring. Thread safe.
 */
public final class TelemetryAuthenticator {
    /** User property: the id of the telemetry key, decimal. */
    public static final String KID = "kid";
    /** User property: the MAC, 64 lower-case hex digits. */
    public static final String MAC = "mac";
    /** The config key of the telemetry key file. */
    public static final String CONFIG_KEY = "link.telemetryKeyFile";
    private static final HexFormat HEX = HexFormat.of();

    private final KeyRing keys;

    public TelemetryAuthenticator(KeyRing keys) {
        this.keys = keys;
    }

    /**
     * Loads the telemetry key file and its persisted state.
     *
     * @throws io.sunsync.hal.config.ConfigException naming {@value #CONFIG_KEY} when the file is missing or wrong
     */
    public static TelemetryAuthenticator load(Path keyFile, Path stateFile, String satelliteId) {
        return new TelemetryAuthenticator(KeyRing.load(keyFile, stateFile, satelliteId, CONFIG_KEY));
    }

    /**
     * The signature of one message.
     *
     * @return the key id and the MAC, as hex
     */
    public Signed sign(String topic, String stream, long seq, byte[] payload) {
        KeyRing.Signature s = keys.sign(TelemetryMacInput.of(topic, stream, seq, payload));
        return new Signed(s.kid(), HEX.formatHex(s.mac()));
    }

    /**
     * A message's signature as it goes on the wire.
     *
     * @param kid    the telemetry key's id
     * @param macHex the MAC, 64 lower-case hex digits
     */
    public record Signed(int kid, String macHex) {
    }

    /** The telemetry keys (active id, rotation). */
    public KeyRing keys() {
        return keys;
    }

    /** Activates telemetry key {@code kid} and revokes the active one (see {@link KeyRing#rotateTo}). */
    public void rotateTo(int kid) throws IOException {
        keys.rotateTo(kid);
    }
}
