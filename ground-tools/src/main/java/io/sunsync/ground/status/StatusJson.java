package io.sunsync.ground.status;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;

/**
 * Status as JSON for scripts: {@code {"t": now, "satellites": [{"sat", "presence", "stale",
 * "level", "alarms", "warnings", "liveFrames", "rxAgeS", "liveAgeS", "hk"}]}}. Stateless.
 */
public final class StatusJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private StatusJson() {
    }

    /** The document for {@code statuses} at {@code now}. */
    public static ObjectNode render(List<SatelliteStatus> statuses, Instant now) {
        ObjectNode root = JSON.createObjectNode();
        root.put("t", now.toString());
        ArrayNode arr = root.putArray("satellites");
        for (SatelliteStatus s : statuses) {
            ObjectNode o = arr.addObject();
            o.put("sat", s.sat());
            o.put("presence", s.presence());
            o.put("stale", s.stale());
            o.put("level", s.level().name());
            s.alarms().forEach(o.putArray("alarms")::add);
            s.warnings().forEach(o.putArray("warnings")::add);
            o.put("liveFrames", s.liveFrames());
            ObjectNode auth = o.putObject("authentication");
            auth.put("refused", s.refusedTotal());
            ObjectNode by = auth.putObject("refusedBy");
            s.refused().forEach(by::put);
            if (s.lastRefusal() != null) {
                auth.put("lastRefusal", s.lastRefusal());
            }
            putNumber(o, "rxAgeS", s.rxAgeS(now));
            putNumber(o, "liveAgeS", s.liveAgeS(now));
            o.set("hk", s.hk());
        }
        return root;
    }

    private static void putNumber(ObjectNode o, String field, double v) {
        if (Double.isNaN(v)) {
            o.putNull(field);
        } else {
            o.put(field, Math.round(v * 1000) / 1000.0);
        }
    }
}
