package io.sunsync.ground.console.live;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sunsync.ground.command.CommandDictionary;
import io.sunsync.ground.console.push.FeedHub;
import io.sunsync.ground.console.push.Update;
import io.sunsync.ground.telemetry.JsonPaths;
import io.sunsync.ground.telemetry.Level;
import io.sunsync.ground.telemetry.Limits;
import io.sunsync.ground.telemetry.PointCatalog;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Every satellite the console has heard: presence (birth and last will), latest housekeeping
 * judged against its limits, dictionary. Each change replaces the satellite's {@link
 * SatelliteSnapshot} and pushes its fleet row to the fleet views, its frame to the views of that
 * satellite, and limit changes to the {@link AlarmBook}. At most {@code capacity} satellites are
 * tracked; messages naming further ones are counted and ignored, so a flood of invented ids
 * cannot grow memory without bound.
 *
 * <p>Threading: {@link #frame}, {@link #birth} and {@link #dictionary} are called by the one ingest
 * thread; the readers ({@link #get}, {@link #all}) from any thread.
 */
public final class FleetState {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final PointCatalog base;
    private final Map<String, Limits> operatorLimits;
    private final FeedHub hub;
    private final AlarmBook alarms;
    private final RecentFrames recent;
    private final int capacity;
    private final Map<String, SatelliteSnapshot> sats = new ConcurrentHashMap<>();
    private final AtomicLong overCapacity = new AtomicLong();

    /**
     * @param base           the built-in point catalogue
     * @param operatorLimits the profile's limits, laid over everything else
     * @param capacity       the most satellites tracked
     */
    public FleetState(PointCatalog base, Map<String, Limits> operatorLimits, FeedHub hub, AlarmBook alarms,
                      RecentFrames recent, int capacity) {
        this.base = base;
        this.operatorLimits = Map.copyOf(operatorLimits);
        this.hub = hub;
        this.alarms = alarms;
        this.recent = recent;
        this.capacity = capacity;
    }

    private SatelliteSnapshot current(String sat) {
        SatelliteSnapshot s = sats.get(sat);
        if (s != null) {
            return s;
        }
        if (sats.size() >= capacity) {
            overCapacity.incrementAndGet();
            return null;
        }
        return new SatelliteSnapshot(sat, "unknown", null, null, Map.of(), Level.NOMINAL, 0, 0, 0, null, null,
                catalog(null), null);
    }

    private PointCatalog catalog(JsonNode dict) {
        return base.withDictionary(dict).withLimits(operatorLimits);
    }

    /** A housekeeping frame of {@code sat} arrived at {@code rxMs} ({@code retained}: the broker's stored copy). */
    public void frame(String sat, JsonNode hk, boolean retained, long rxMs) {
        SatelliteSnapshot s = current(sat);
        if (s == null || !hk.isObject()) {
            return;
        }
        Map<String, Level> levels = s.catalog().outOfLimits(hk);
        Level level = Level.NOMINAL;
        for (Level l : levels.values()) {
            level = level.worst(l);
        }
        long liveRx = retained ? s.liveRxMs() : rxMs;
        long live = retained ? s.liveFrames() : s.liveFrames() + 1;
        SatelliteSnapshot next = new SatelliteSnapshot(sat, s.presence(), s.birth(), hk, levels, level, rxMs, liveRx, live,
                s.dictionary(), s.dict(), s.catalog(), null);
        next = withRow(next);
        sats.put(sat, next);
        alarms.limits(sat, s.levels(), levels, hk, s.catalog(), rxMs);
        hub.toFleet(new Update("fleet:" + sat, next.row()));
        recent.add(sat, hk, hub.watched(sat));
        if (hub.watched(sat)) {
            ObjectNode item = JSON.createObjectNode();
            item.put("k", "hk");
            item.put("sat", sat);
            item.put("rxMs", rxMs);
            item.put("retained", retained);
            item.set("levels", JSON.valueToTree(levels));
            item.set("frame", hk);
            hub.toSatellite(sat, Update.sequence("hk:" + sat, item.toString()));
        }
    }

    /** A birth (or last will) message of {@code sat}. */
    public void birth(String sat, JsonNode birth) {
        SatelliteSnapshot s = current(sat);
        if (s == null) {
            return;
        }
        String presence = birth.path("state").asText("unknown");
        SatelliteSnapshot next = withRow(new SatelliteSnapshot(sat, presence, birth, s.hk(), s.levels(), s.level(),
                s.rxMs(), s.liveRxMs(), s.liveFrames(), s.dictionary(), s.dict(), s.catalog(), null));
        sats.put(sat, next);
        hub.toFleet(new Update("fleet:" + sat, next.row()));
        hub.toSatellite(sat, new Update("presence:" + sat, item("presence", sat).put("presence", presence).toString()));
    }

    /** A dictionary message of {@code sat}. */
    public void dictionary(String sat, JsonNode dict) {
        SatelliteSnapshot s = current(sat);
        if (s == null || !dict.isObject()) {
            return;
        }
        SatelliteSnapshot next = withRow(new SatelliteSnapshot(sat, s.presence(), s.birth(), s.hk(), s.levels(),
                s.level(), s.rxMs(), s.liveRxMs(), s.liveFrames(), CommandDictionary.of(dict), dict, catalog(dict), null));
        sats.put(sat, next);
        hub.toSatellite(sat, new Update("dict:" + sat, item("dict", sat).toString()));
    }

    private static ObjectNode item(String kind, String sat) {
        ObjectNode o = JSON.createObjectNode();
        o.put("k", kind);
        o.put("sat", sat);
        return o;
    }

    private static SatelliteSnapshot withRow(SatelliteSnapshot s) {
        return new SatelliteSnapshot(s.sat(), s.presence(), s.birth(), s.hk(), s.levels(), s.level(), s.rxMs(),
                s.liveRxMs(), s.liveFrames(), s.dictionary(), s.dict(), s.catalog(), row(s));
    }

    /** The fleet row: what one line of the fleet view shows. */
    static String row(SatelliteSnapshot s) {
        ObjectNode o = item("fleet", s.sat());
        o.put("presence", s.presence());
        o.put("software", s.birth() == null ? "" : s.birth().path("software").asText(""));
        JsonNode hk = s.hk();
        if (hk != null) {
            o.put("t", hk.path("t").asText(""));
            o.put("seq", hk.path("seq").asLong(-1));
            o.put("mode", hk.path("mode").asText(""));
            number(o, "socPct", hk, "power.socPct");
            number(o, "budgetW", hk, "control.budgetW");
            number(o, "arrayW", hk, "power.arrayW");
            number(o, "drawW", hk, "boards.powerW");
            number(o, "boardsOn", hk, hk.path("control").has("boardsOn") ? "control.boardsOn" : "boards.enabled");
            number(o, "boardsCount", hk, "boards.count");
            number(o, "maxBoardC", hk, "boards.maxTempC");
            number(o, "maxZoneC", hk, "thermal.maxZoneC");
            o.put("sunlit", hk.path("power").path("sunlit").asBoolean(true));
        }
        o.put("level", s.level().name());
        List<String> alarms = new ArrayList<>();
        int warnings = 0;
        for (Map.Entry<String, Level> e : s.levels().entrySet()) {
            if (e.getValue() == Level.ALARM) {
                alarms.add(e.getKey());
            } else {
                warnings++;
            }
        }
        o.set("alarms", JSON.valueToTree(alarms));
        o.put("warnings", warnings);
        o.put("rxMs", s.rxMs());
        o.put("liveRxMs", s.liveRxMs());
        o.put("liveFrames", s.liveFrames());
        return o.toString();
    }

    private static void number(ObjectNode o, String field, JsonNode hk, String path) {
        double v = JsonPaths.number(JsonPaths.walk(hk, path));
        if (Double.isFinite(v)) {
            o.put(field, v);
        } else {
            o.putNull(field);
        }
    }

    /** The satellite {@code sat}, if heard. */
    public Optional<SatelliteSnapshot> get(String sat) {
        return Optional.ofNullable(sats.get(sat));
    }

    /** Every satellite heard (no order). */
    public Collection<SatelliteSnapshot> all() {
        return sats.values();
    }

    /** Messages ignored because they named a satellite past the capacity. */
    public long overCapacity() {
        return overCapacity.get();
    }
}
