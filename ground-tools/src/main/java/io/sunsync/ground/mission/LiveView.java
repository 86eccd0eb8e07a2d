package io.sunsync.ground.mission;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What the ground knows of the satellite right now: its latest housekeeping frame and its
 * presence. Written by the recorder thread, read by the ground script and the console.
 *
 * <p>Thread safe.
 */
public final class LiveView {
    private final AtomicReference<JsonNode> hk = new AtomicReference<>();
    private final AtomicReference<String> presence = new AtomicReference<>("unknown");
    private volatile long onlineSinceNanos = -1;
    private volatile long lastHkNanos = -1;

    /** The recorder saw a live housekeeping frame. */
    void onHousekeeping(JsonNode frame) {
        hk.set(frame);
        lastHkNanos = System.nanoTime();
    }

    /** The recorder saw a presence message ({@code online} / {@code offline}). */
    void onPresence(String state) {
        presence.set(state);
        if ("online".equals(state) && onlineSinceNanos < 0) {
            onlineSinceNanos = System.nanoTime();
        }
    }

    /** The latest housekeeping frame, or null before the first. */
    public JsonNode housekeeping() {
        return hk.get();
    }

    /** The mission time of the latest frame, or null before the first. */
    public Instant missionTime() {
        JsonNode f = hk.get();
        if (f == null || !f.path("t").isTextual()) {
            return null;
        }
        try {
            return Instant.parse(f.path("t").asText());
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }

    /** The latest presence state: {@code unknown}, {@code online} or {@code offline}. */
    public String presence() {
        return presence.get();
    }

    /** True once the satellite has said it is online. */
    public boolean wasOnline() {
        return onlineSinceNanos >= 0;
    }

    /** Wall-clock seconds since the latest housekeeping frame arrived (infinite before the first). */
    public double hkAgeS() {
        long t = lastHkNanos;
        return t < 0 ? Double.POSITIVE_INFINITY : (System.nanoTime() - t) / 1e9;
    }
}
