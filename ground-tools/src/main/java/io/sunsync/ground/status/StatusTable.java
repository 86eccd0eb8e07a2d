package io.sunsync.ground.status;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/** Formats a satellite's presence and latest housekeeping frame as a readable table. */
public final class StatusTable {
    private StatusTable() {
    }

    /**
     * @param sat      satellite id
     * @param presence the retained birth / will message, or null if none seen
     * @param hk       the latest housekeeping frame, or null if none seen
     * @param received when the frame was received on the ground (for staleness), or null
     * @param now      the ground's current time
     */
    public static String render(String sat, JsonNode presence, JsonNode hk, Instant received, Instant now) {
        StringBuilder sb = new StringBuilder();
        row(sb, "satellite", sat);
        row(sb, "presence", presence == null ? "unknown (no birth message)" : presence.path("state").asText("?")
                + "  (" + presence.path("software").asText("") + ")");
        if (hk == null) {
            row(sb, "housekeeping", "none received");
            return sb.toString();
        }
        JsonNode p = hk.path("power");
        JsonNode th = hk.path("thermal");
        JsonNode b = hk.path("boards");
        JsonNode l = hk.path("link");
        row(sb, "mission time", hk.path("t").asText() + "  (frame " + hk.path("seq").asLong() + ")");
        row(sb, "mode", hk.path("mode").asText());
        row(sb, "sunlit", p.path("sunlit").asBoolean() ? "yes" : "no (eclipse)");
        row(sb, "array", fmt("%.1f kW available, %.1f kW delivered", kw(p, "arrayAvailableW"), kw(p, "arrayW")));
        row(sb, "bus", fmt("%.1f V, load %.1f kW", p.path("busV").asDouble(), kw(p, "loadW")));
        row(sb, "battery", fmt("%.1f %% (%.2f kWh), %+.1f kW %s", p.path("socPct").asDouble(),
                p.path("batteryWh").asDouble() / 1000, kw(p, "batteryW"),
                p.path("batteryW").asDouble() >= 0 ? "charging" : "discharging"));
        row(sb, "boards", fmt("%d of %d enabled, draw %.1f kW, caps %.1f kW, hottest %.1f °C",
                b.path("enabled").asInt(), b.path("count").asInt(), kw(b, "powerW"), kw(b, "capW"),
                b.path("maxTempC").asDouble()));
        row(sb, "thermal", fmt("hottest zone %s %.1f °C, %d pumps on", th.path("hottestZone").asText(),
                th.path("maxZoneC").asDouble(), th.path("pumpsOn").asInt()));
        row(sb, "link", fmt("%s, %d queued, %d sent, %d dropped", l.path("connected").asBoolean() ? "up" : "down",
                l.path("queued").asInt(), l.path("sent").asLong(), l.path("dropped").asLong()));
        row(sb, "quality", "power " + p.path("quality").asText() + ", thermal " + th.path("quality").asText());
        if (received != null) {
            row(sb, "received", fmt("%.1f s ago", Duration.between(received, now).toMillis() / 1000.0));
        }
        return sb.toString();
    }

    private static double kw(JsonNode node, String field) {
        return node.path(field).asDouble() / 1000.0;
    }

    private static String fmt(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }

    private static void row(StringBuilder sb, String key, String value) {
        sb.append(String.format(Locale.ROOT, "  %-13s %s%n", key, value));
    }
}
