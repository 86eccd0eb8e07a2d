package io.sunsync.ground.console.live;

import com.fasterxml.jackson.databind.JsonNode;
import io.sunsync.ground.command.CommandDictionary;
import io.sunsync.ground.telemetry.Level;
import io.sunsync.ground.telemetry.PointCatalog;
import java.util.Map;

/**
 * What the console knows of one satellite at one moment; replaced whole on every change, never
 * modified, so any thread may read it.
 *
 * @param sat        satellite id
 * @param presence   {@code online}, {@code offline} or {@code unknown} (no birth message seen)
 * @param birth      the latest birth message, or null
 * @param hk         the latest housekeeping frame, or null
 * @param levels     the frame's points outside their limits, by dotted path
 * @param level      the worst of them (NOMINAL when none)
 * @param rxMs       when the latest frame (retained or live) arrived, epoch ms of the ground's clock; 0 if none
 * @param liveRxMs   when the latest live frame arrived; 0 if none (a retained frame proves nothing)
 * @param liveFrames live frames received
 * @param dictionary the satellite's command dictionary, or null
 * @param dict       the dictionary message as published, or null
 * @param catalog    the point catalogue for this satellite (built-in, its dictionary, the profile's limits)
 * @param row        its fleet row as JSON (what the fleet view shows)
 */
public record SatelliteSnapshot(String sat, String presence, JsonNode birth, JsonNode hk, Map<String, Level> levels,
                                Level level, long rxMs, long liveRxMs, long liveFrames, CommandDictionary dictionary,
                                JsonNode dict, PointCatalog catalog, String row) {
    public SatelliteSnapshot {
        levels = Map.copyOf(levels);
    }
}
