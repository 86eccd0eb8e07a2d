package io.sunsync.ground.archive;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sunsync.ground.mqtt.GroundConnection.Received;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;

/**
 * One archived message: what arrived, when, and the identity used to drop redelivered copies.
 * Stored as one JSON line:
 * {@code {"rx","sat","kind","stream","seq","dk","topic","t","msg"}}.
 *
 * @param rx     when the ground received it (ground clock)
 * @param sat    satellite id
 * @param kind   what it is, from its topic: {@code hk}, {@code evt}, {@code birth}, {@code tc-ack}, {@code dict}, …
 * @param key    its identity for de-duplication
 * @param topic  the MQTT topic
 * @param t      its mission time ({@code msg.t}), or null
 * @param msg    the message
 * @param json   the message's JSON text exactly as received, which {@code msg} was parsed from, or
 *               null when there is none (a record read back from an archive): the stores write it
 *               as it is instead of serialising {@code msg} again. It is how the value arrived, not
 *               part of it: {@link #equals} and {@link #hashCode} leave it out.
 */
public record ArchiveRecord(Instant rx, String sat, String kind, RecordKey key, String topic, String t, JsonNode msg,
                            String json) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public ArchiveRecord {
        Objects.requireNonNull(rx, "rx");
        Objects.requireNonNull(sat, "sat");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(msg, "msg");
    }

    /** A record without its received text (the stores serialise {@code msg}). */
    public ArchiveRecord(Instant rx, String sat, String kind, RecordKey key, String topic, String t, JsonNode msg) {
        this(rx, sat, kind, key, topic, t, msg, null);
    }

    /** The message's JSON text: as received where known, else {@code msg} serialised. */
    public String jsonText() {
        return json != null ? json : msg.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ArchiveRecord r && rx.equals(r.rx) && sat.equals(r.sat) && kind.equals(r.kind)
                && key.equals(r.key) && topic.equals(r.topic) && Objects.equals(t, r.t) && msg.equals(r.msg);
    }

    @Override
    public int hashCode() {
        return Objects.hash(rx, sat, kind, key, topic, t, msg);
    }

    /**
     * The record for a received message, or null if it is not under {@code sunsync/{sat}/}.
     * Identity: flight's outbox {@code stream} and {@code seq} user properties when present; else
     * for housekeeping its {@code seq} with its mission time (a restarted flight counts from 0
     * again); else the SHA-256 of the payload (an identical redelivered copy).
     */
    public static ArchiveRecord of(Received r, Instant rx) {
        return r.sat() == null ? null : of(r, r.json(), rx);
    }

    /**
     * The record for a received message whose payload was already parsed into {@code msg}, or null
     * if it is not under {@code sunsync/{sat}/}.
     */
    public static ArchiveRecord of(Received r, JsonNode msg, Instant rx) {
        return of(r, msg, null, rx);
    }

    /**
     * The record for a received message whose payload, the JSON text {@code json}, was already
     * parsed into {@code msg}, or null if it is not under {@code sunsync/{sat}/}.
     */
    public static ArchiveRecord of(Received r, JsonNode msg, String json, Instant rx) {
        String sat = r.sat();
        if (sat == null) {
            return null;
        }
        String kind = kindOf(r.subtopic());
        String t = msg.path("t").isTextual() ? msg.path("t").asText() : null;
        RecordKey key;
        String stream = r.userProperties().get("stream");
        String seq = r.userProperties().get("seq");
        if (stream != null && seq != null && seq.matches("\\d{1,18}")) {
            key = new RecordKey(sat, stream, Long.parseLong(seq), "");
        } else if (kind.equals("hk") && msg.path("seq").canConvertToLong() && msg.path("seq").isIntegralNumber()) {
            key = new RecordKey(sat, "hk", msg.path("seq").asLong(), t == null ? "" : t);
        } else {
            key = new RecordKey(sat, kind, -1, sha256(r.payload()));
        }
        return new ArchiveRecord(rx, sat, kind, key, r.topic(), t, msg, json);
    }

    /**
     * The archive kind of a topic below {@code sunsync/{sat}/}: {@code hk}, {@code tc-ack} (any
     * response topic under {@code tc/ack}), {@code result-manifest}, {@code result-chunk},
     * {@code result-eof} (any job under {@code results/}), else the subtopic with other characters
     * than letters, digits, '_' and '-' replaced by '-' ({@code evt}, {@code birth}, {@code dict}).
     */
    public static String kindOf(String subtopic) {
        if (subtopic.equals("tm/hk")) {
            return "hk";
        }
        if (subtopic.startsWith("tc/ack")) {
            return "tc-ack";
        }
        if (subtopic.startsWith("results/")) {
            int slash = subtopic.lastIndexOf('/');
            String part = subtopic.substring(slash + 1);
            if (slash > "results/".length() && (part.equals("manifest") || part.equals("chunk") || part.equals("eof"))) {
                return "result-" + part;
            }
        }
        return subtopic.replaceAll("[^A-Za-z0-9_-]", "-");
    }

    /** The mission time as an instant, else the receive time. */
    public Instant when() {
        if (t != null) {
            try {
                return Instant.parse(t);
            } catch (java.time.format.DateTimeParseException e) {
                return rx;
            }
        }
        return rx;
    }

    /** The JSON line (without the newline). */
    public String toJsonLine() {
        ObjectNode o = JSON.createObjectNode();
        o.put("rx", rx.toString());
        o.put("sat", sat);
        o.put("kind", kind);
        o.put("stream", key.stream());
        o.put("seq", key.seq());
        o.put("dk", key.discriminator());
        o.put("topic", topic);
        if (t != null) {
            o.put("t", t);
        }
        o.set("msg", msg);
        try {
            return JSON.writeValueAsString(o);
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialise an archive record", e);
        }
    }

    /** Parses a JSON line written by {@link #toJsonLine()}; throws {@link IllegalArgumentException} if it is not one. */
    public static ArchiveRecord fromJsonLine(String line) {
        try {
            JsonNode o = JSON.readTree(line);
            if (o == null || !o.isObject() || !o.path("msg").isObject() && !o.path("msg").isValueNode()) {
                throw new IllegalArgumentException("not an archive record");
            }
            String sat = o.path("sat").asText();
            return new ArchiveRecord(Instant.parse(o.path("rx").asText()), sat, o.path("kind").asText(),
                    new RecordKey(sat, o.path("stream").asText(), o.path("seq").asLong(-1), o.path("dk").asText("")),
                    o.path("topic").asText(), o.hasNonNull("t") ? o.path("t").asText() : null, o.path("msg"));
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("not an archive record: " + e.getMessage(), e);
        }
    }

    private static String sha256(byte[] payload) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(payload)).substring(0, 32);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The payload text, for tests and diagnostics. */
    static String text(byte[] payload) {
        return new String(payload, StandardCharsets.UTF_8);
    }
}
