package io.sunsync.ground.status;

import com.fasterxml.jackson.databind.JsonNode;
import io.sunsync.ground.telemetry.Level;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the ground knows of one satellite at one moment.
 *
 * @param sat        satellite id
 * @param presence   {@code online}, {@code offline}, or {@code unknown} (no birth message seen)
 * @param birth      the latest birth / will message, or null
 * @param hk         the latest housekeeping frame, or null
 * @param lastRx     when the ground last received a frame (retained or live), or null
 * @param lastLiveRx when the ground last received a live (not retained) frame, or null
 * @param liveFrames live frames received
 * @param stale      true when offline, or no live frame came within the staleness window
 * @param level      the worst level of any point in the frame
 * @param warnings   dotted paths of points outside their warning limits
 * @param alarms     dotted paths of points outside their alarm limits
 * @param refused    messages on its topics that failed telemetry authentication, by verdict
 *                   ({@code BAD_MAC}, {@code UNSIGNED}, {@code NO_KEY}, {@code UNKNOWN_KEY}, {@code REPLAYED}):
 *                   never shown as its state
 * @param lastRefusal what the last of those was, or null
 */
public record SatelliteStatus(String sat, String presence, JsonNode birth, JsonNode hk, Instant lastRx,
                              Instant lastLiveRx, long liveFrames, boolean stale, Level level, List<String> warnings,
                              List<String> alarms, Map<String, Long> refused, String lastRefusal) {
    public SatelliteStatus {
        warnings = List.copyOf(warnings);
        alarms = List.copyOf(alarms);
        refused = refused == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(refused));
    }

    /** A status with no authentication refusals. */
    public SatelliteStatus(String sat, String presence, JsonNode birth, JsonNode hk, Instant lastRx, Instant lastLiveRx,
                           long liveFrames, boolean stale, Level level, List<String> warnings, List<String> alarms) {
        this(sat, presence, birth, hk, lastRx, lastLiveRx, liveFrames, stale, level, warnings, alarms, Map.of(), null);
    }

    /** Messages refused by telemetry authentication, all verdicts together. */
    public long refusedTotal() {
        return refused.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Seconds since the last frame arrived (live or retained), or NaN if none did. */
    public double rxAgeS(Instant now) {
        return lastRx == null ? Double.NaN : (now.toEpochMilli() - lastRx.toEpochMilli()) / 1000.0;
    }

    /** Seconds since the last live frame arrived, or NaN if none did. */
    public double liveAgeS(Instant now) {
        return lastLiveRx == null ? Double.NaN : (now.toEpochMilli() - lastLiveRx.toEpochMilli()) / 1000.0;
    }
}
