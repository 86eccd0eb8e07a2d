package io.sunsync.ground.status;

import com.fasterxml.jackson.databind.JsonNode;
import io.sunsync.ground.mqtt.GroundConnection.Received;
import io.sunsync.ground.telemetry.JsonPaths;
import io.sunsync.ground.telemetry.Level;
import io.sunsync.ground.telemetry.PointCatalog;
import io.sunsync.ground.tmauth.TelemetryVerifier;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The latest presence, housekeeping and dictionary of every satellite heard, fed from
 * {@code sunsync/+/birth}, {@code sunsync/+/tm/hk} and {@code sunsync/+/dict}. Every message
 * passes the {@link TelemetryVerifier} first: only an authentic one becomes a satellite's state;
 * a forged, replayed, unsigned or uncheckable one is counted against the satellite of its topic
 * and shown as a refusal, never as its state. A frame delivered as the broker's retained value
 * tells what the satellite last said, not that it is alive: only live frames keep a satellite
 * fresh.
 *
 * <p>Threading: owned by one thread (the command's consumer loop); not thread safe.
 */
public final class ConstellationState {
    private final Map<String, Sat> sats = new HashMap<>();
    private final TelemetryVerifier verifier;
    private final Map<String, String> lastRefusal = new HashMap<>();

    /** @param verifier judges every message before it is taken in */
    public ConstellationState(TelemetryVerifier verifier) {
        this.verifier = verifier;
    }

    /** The verifier (its counts, for reports). */
    public TelemetryVerifier verifier() {
        return verifier;
    }

    private static final class Sat {
        JsonNode birth;
        JsonNode hk;
        JsonNode dict;
        Instant lastRx;
        Instant lastLiveRx;
        long liveFrames;
    }

    /**
     * Takes in a received message; messages on other topics are ignored.
     *
     * @return true if it was a housekeeping frame
     */
    public boolean accept(Received r, Instant now) {
        String sat = r.sat();
        if (sat == null) {
            return false;
        }
        TelemetryVerifier.Check check = verifier.check(r);
        if (!check.shown() || !check.newest()) {
            if (check.verdict().refused() && (sats.containsKey(sat) || lastRefusal.containsKey(sat)
                    || lastRefusal.size() < TelemetryVerifier.MAX_UNKNOWN_SATELLITES)) {
                lastRefusal.put(sat, check.verdict() + " on " + r.subtopic() + ": " + check.detail());
            }
            return false;
        }
        switch (r.subtopic()) {
            case "birth" -> sat(sat).birth = r.json();
            case "dict" -> sat(sat).dict = r.json();
            case "tm/hk" -> {
                Sat s = sat(sat);
                s.hk = r.json();
                s.lastRx = now;
                if (!r.retained()) {
                    s.lastLiveRx = now;
                    s.liveFrames++;
                }
                return true;
            }
            default -> {
                return false;
            }
        }
        return false;
    }

    private Sat sat(String id) {
        return sats.computeIfAbsent(id, k -> new Sat());
    }

    /** Every satellite heard, sorted: those with authentic messages and those whose messages were refused. */
    public SortedSet<String> satellites() {
        TreeSet<String> all = new TreeSet<>(sats.keySet());
        all.addAll(lastRefusal.keySet());
        return all;
    }

    /** True if a live frame of {@code sat} has arrived. */
    public boolean hasLiveFrame(String sat) {
        Sat s = sats.get(sat);
        return s != null && s.liveFrames > 0;
    }

    /** True if any frame (retained or live) and a birth message of {@code sat} have arrived. */
    public boolean hasFrameAndBirth(String sat) {
        Sat s = sats.get(sat);
        return s != null && s.hk != null && s.birth != null;
    }

    /** The satellite's dictionary, or null if none was published. */
    public JsonNode dictionary(String sat) {
        Sat s = sats.get(sat);
        return s == null ? null : s.dict;
    }

    /**
     * The status of {@code sat} now.
     *
     * @param catalog     judges the frame's points (the satellite's dictionary is laid over it here)
     * @param staleAfterS a satellite without a live frame for this long is stale, in s
     */
    public SatelliteStatus status(String sat, Instant now, PointCatalog catalog, double staleAfterS) {
        Sat s = sats.getOrDefault(sat, new Sat());
        String presence = s.birth == null ? "unknown" : s.birth.path("state").asText("unknown");
        List<String> warnings = new ArrayList<>();
        List<String> alarms = new ArrayList<>();
        Level level = Level.NOMINAL;
        if (s.hk != null) {
            PointCatalog c = catalog.withDictionary(s.dict);
            for (Map.Entry<String, JsonNode> e : JsonPaths.flatten(s.hk).entrySet()) {
                Level l = c.judge(e.getKey(), e.getValue());
                if (l == Level.ALARM) {
                    alarms.add(e.getKey());
                } else if (l == Level.WARNING) {
                    warnings.add(e.getKey());
                }
                level = level.worst(l);
            }
        }
        boolean stale = "offline".equals(presence) || s.lastLiveRx == null
                || (now.toEpochMilli() - s.lastLiveRx.toEpochMilli()) > staleAfterS * 1000;
        Map<String, Long> refused = new java.util.TreeMap<>();
        verifier.counts(sat).forEach((v, n) -> {
            if (v.refused()) {
                refused.put(v.name(), n);
            }
        });
        return new SatelliteStatus(sat, presence, s.birth, s.hk, s.lastRx, s.lastLiveRx, s.liveFrames, stale, level,
                warnings, alarms, refused, lastRefusal.get(sat));
    }

    /** The status of every satellite heard, sorted by id. */
    public List<SatelliteStatus> all(Instant now, PointCatalog catalog, double staleAfterS) {
        List<SatelliteStatus> out = new ArrayList<>();
        for (String sat : satellites()) {
            out.add(status(sat, now, catalog, staleAfterS));
        }
        return out;
    }
}
