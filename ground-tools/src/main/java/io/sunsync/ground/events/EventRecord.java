package io.sunsync.ground.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Objects;

/**
 * One on-board event as the ground received it ({@code sunsync/{sat}/evt}, docs/icd).
 *
 * @param sat      satellite id
 * @param t        mission time it happened
 * @param severity how serious
 * @param source   reporting component
 * @param code     stable machine-readable code
 * @param message  human-readable line
 * @param data     structured details (an object; empty if none)
 */
public record EventRecord(String sat, Instant t, Severity severity, String source, String code, String message,
                          JsonNode data) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public EventRecord {
        Objects.requireNonNull(sat, "sat");
        Objects.requireNonNull(t, "t");
        Objects.requireNonNull(severity, "severity");
        data = data == null || data.isMissingNode() || data.isNull() ? JSON.createObjectNode() : data;
    }

    /**
     * Reads an event message.
     *
     * @throws IllegalArgumentException naming what is wrong when it does not follow the ICD
     */
    public static EventRecord parse(String sat, JsonNode msg) {
        if (msg == null || !msg.isObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        Instant t;
        try {
            t = Instant.parse(msg.path("t").asText());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("t '" + msg.path("t").asText() + "' is not an instant");
        }
        Severity sev;
        try {
            sev = Severity.valueOf(msg.path("severity").asText());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("severity '" + msg.path("severity").asText() + "' is not one of INFO, LOW, MEDIUM, HIGH");
        }
        return new EventRecord(sat, t, sev, msg.path("source").asText(""), msg.path("code").asText(""),
                msg.path("message").asText(""), msg.path("data"));
    }

    /** The event as one JSON object (with {@code sat}), for {@code --json}. */
    public ObjectNode toJson() {
        ObjectNode o = JSON.createObjectNode();
        o.put("sat", sat);
        o.put("t", t.toString());
        o.put("severity", severity.name());
        o.put("source", source);
        o.put("code", code);
        o.put("message", message);
        o.set("data", data);
        return o;
    }
}
