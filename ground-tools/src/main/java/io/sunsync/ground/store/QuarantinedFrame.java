package io.sunsync.ground.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;

/**
 * A received frame kept in quarantine: exactly what arrived, when, and why it was not stored as
 * telemetry. Never dropped silently; a redelivered copy is kept once ({@link #key()}).
 *
 * @param rx             when the ground received it (truncated to microseconds, what databases keep)
 * @param topic          its MQTT topic
 * @param sat            the satellite of its topic, or null
 * @param kind           the archive kind of its topic ({@code hk}, {@code evt}, …), or null
 * @param reason         why it was quarantined
 * @param detail         the first problem found, for an operator
 * @param payload        the bytes that arrived
 * @param userProperties its MQTT 5 user properties (e.g. {@code stream}, {@code seq})
 */
public record QuarantinedFrame(Instant rx, String topic, String sat, String kind, QuarantineReason reason,
                               String detail, byte[] payload, Map<String, String> userProperties) {
    public QuarantinedFrame {
        Objects.requireNonNull(rx, "rx");
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(payload, "payload");
        rx = rx.truncatedTo(ChronoUnit.MICROS);
        detail = detail == null ? "" : detail.replace('\0', ' ');
        userProperties = userProperties == null ? Map.of() : Map.copyOf(userProperties);
    }

    /**
     * Its identity for de-duplication: topic, stream and sequence number (when it has them) and a
     * digest of the payload.
     */
    public String key() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(payload);
            return topic + "|" + userProperties.getOrDefault("stream", "") + "|" + userProperties.getOrDefault("seq", "")
                    + "|" + HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The payload as text (invalid UTF-8 replaced), for display. */
    public String payloadText() {
        return new String(payload, StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof QuarantinedFrame q && rx.equals(q.rx) && topic.equals(q.topic) && Objects.equals(sat, q.sat)
                && Objects.equals(kind, q.kind) && reason == q.reason && detail.equals(q.detail)
                && java.util.Arrays.equals(payload, q.payload) && userProperties.equals(q.userProperties);
    }

    @Override
    public int hashCode() {
        return Objects.hash(rx, topic, reason, java.util.Arrays.hashCode(payload));
    }

    @Override
    public String toString() {
        return "QuarantinedFrame[" + topic + " " + reason + ": " + detail + "]";
    }
}
