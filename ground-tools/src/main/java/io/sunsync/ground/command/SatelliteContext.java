package io.sunsync.ground.command;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * What the ground knows of a satellite before commanding it: its dictionary and its latest
 * housekeeping (mode, mission time, the last command sequence number it accepted, its active key).
 *
 * @param sat        satellite id
 * @param dictionary its dictionary, or null if none was published
 * @param hk         its latest housekeeping frame, or null
 */
public record SatelliteContext(String sat, CommandDictionary dictionary, JsonNode hk) {

    /** The flight mode, or null if unknown. */
    public String mode() {
        return hk == null || !hk.path("mode").isTextual() ? null : hk.path("mode").asText();
    }

    /** The satellite's mission time at its latest frame, or null. */
    public Instant missionTime() {
        try {
            return hk == null ? null : Instant.parse(hk.path("t").asText());
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }

    /** The highest command sequence number it accepted ({@code commanding.lastSeq}), or 0. */
    public long lastSeq() {
        return hk == null ? 0 : hk.path("commanding").path("lastSeq").asLong(0);
    }

    /** Its active command key id ({@code commanding.activeKeyId}), or null. */
    public Integer activeKeyId() {
        JsonNode k = hk == null ? null : hk.path("commanding").path("activeKeyId");
        return k == null || !k.isIntegralNumber() ? null : k.asInt();
    }
}
