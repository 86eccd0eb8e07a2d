package io.sunsync.ground.console.live;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sunsync.ground.plot.PlotPreset;
import io.sunsync.ground.telemetry.JsonPaths;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The last {@code samples} values of the chart points (the {@link #PANELS}' points) of the
 * satellites someone is watching, so a satellite's page opens with its recent minutes drawn. A
 * satellite's ring starts when a page shows it and is dropped {@code keepMs} after the last page
 * left, and at most {@code maxSatellites} rings are kept: memory stays bounded whatever the
 * fleet's size. Longer ranges come from the archive.
 *
 * <p>Thread safe: the ingest thread adds, request threads read.
 */
public final class RecentFrames {
    /** The charts of a satellite's page, after the command line's plot presets. */
    public static final List<PlotPreset> PANELS = List.of(PlotPreset.POWER, PlotPreset.SOC, PlotPreset.THERMAL,
            PlotPreset.CAPS);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final int samples;
    private final int maxSatellites;
    private final long keepMs;
    private final Clock clock;
    private final List<String> points;
    private final Map<String, Ring> rings = new LinkedHashMap<>(16, 0.75f, true);

    private final class Ring {
        final double[] t = new double[samples];
        final double[][] values = new double[points.size()][samples];
        int next;
        int size;
        long lastWatchedMs;
    }

    /**
     * @param samples       values kept per point
     * @param maxSatellites the most satellites kept at once
     * @param keepMs        how long a satellite's ring outlives the last page showing it, in ms
     */
    public RecentFrames(int samples, int maxSatellites, long keepMs, Clock clock) {
        this.samples = samples;
        this.maxSatellites = maxSatellites;
        this.keepMs = keepMs;
        this.clock = clock;
        Set<String> all = new LinkedHashSet<>();
        PANELS.forEach(p -> all.addAll(p.points()));
        this.points = List.copyOf(all);
    }

    /** The points kept, in column order. */
    public List<String> points() {
        return points;
    }

    /** Takes in a frame of {@code sat}; {@code watched}: a page shows the satellite now. */
    public synchronized void add(String sat, JsonNode hk, boolean watched) {
        long now = clock.millis();
        Ring r = rings.get(sat);
        if (r == null) {
            if (!watched) {
                return;
            }
            r = new Ring();
            rings.put(sat, r);
            if (rings.size() > maxSatellites) {
                rings.remove(rings.keySet().iterator().next());
            }
        }
        if (watched) {
            r.lastWatchedMs = now;
        } else if (now - r.lastWatchedMs > keepMs) {
            rings.remove(sat);
            return;
        }
        double t;
        try {
            t = Instant.parse(hk.path("t").asText()).toEpochMilli() / 1000.0;
        } catch (DateTimeParseException e) {
            return;
        }
        r.t[r.next] = t;
        for (int i = 0; i < points.size(); i++) {
            r.values[i][r.next] = JsonPaths.number(JsonPaths.at(hk, points.get(i)));
        }
        r.next = (r.next + 1) % samples;
        r.size = Math.min(r.size + 1, samples);
    }

    /**
     * The recent values of {@code sat} as columns: {@code {"t": [epoch s…], "series": {path: [v…]}}}
     * (null for a missing value), oldest first; empty columns when nothing is kept.
     */
    public synchronized ObjectNode columns(String sat) {
        ObjectNode out = JSON.createObjectNode();
        ArrayNode t = out.putArray("t");
        ObjectNode series = out.putObject("series");
        List<ArrayNode> cols = new ArrayList<>();
        for (String p : points) {
            cols.add(series.putArray(p));
        }
        Ring r = rings.get(sat);
        if (r == null) {
            return out;
        }
        int start = (r.next - r.size + samples) % samples;
        for (int k = 0; k < r.size; k++) {
            int i = (start + k) % samples;
            t.add(r.t[i]);
            for (int c = 0; c < points.size(); c++) {
                double v = r.values[c][i];
                if (Double.isFinite(v)) {
                    cols.get(c).add(v);
                } else {
                    cols.get(c).addNull();
                }
            }
        }
        return out;
    }
}
