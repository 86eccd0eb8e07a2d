package io.sunsync.ground.status;

import com.fasterxml.jackson.databind.JsonNode;
import io.sunsync.ground.telemetry.Highlighter;
import io.sunsync.ground.telemetry.JsonPaths;
import io.sunsync.ground.telemetry.Level;
import io.sunsync.ground.telemetry.PointCatalog;
import io.sunsync.ground.telemetry.ValueFormat;
import java.time.Instant;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Formats one satellite's status as a readable table: presence and link, staleness, mode,
 * power budget, array, battery, thermal, boards, jobs, commanding, and any further housekeeping
 * sections flight adds later (shown generically). Values outside their limits are highlighted.
 * Stateless.
 */
public final class StatusTable {
    private static final Set<String> KNOWN_SECTIONS = Set.of("sat", "seq", "t", "mode", "power", "thermal", "boards",
            "link", "rates", "control", "jobs", "commanding");

    private StatusTable() {
    }

    /** The table for {@code st}. */
    public static String render(SatelliteStatus st, PointCatalog catalog, Highlighter hl, Instant now) {
        StringBuilder sb = new StringBuilder();
        JsonNode hk = st.hk();
        PointCatalog c = catalog;
        row(sb, "satellite", st.sat());
        String presence = st.presence() + (st.birth() == null ? " (no birth message)"
                : "  (" + st.birth().path("software").asText("") + ")");
        row(sb, "presence", hl.paint(presence, "online".equals(st.presence()) ? Level.NOMINAL : Level.WARNING));
        if (!st.refused().isEmpty()) {
            StringBuilder why = new StringBuilder("REFUSED ").append(st.refusedTotal())
                    .append(" message(s) that failed telemetry authentication, never shown as its state (");
            st.refused().forEach((v, n) -> why.append(why.charAt(why.length() - 1) == '(' ? "" : ", ").append(v).append(' ').append(n));
            why.append(')');
            if (st.lastRefusal() != null) {
                why.append("; last: ").append(st.lastRefusal());
            }
            row(sb, "authentication", hl.paint(why.toString(), Level.ALARM));
        } else if (hk != null) {
            row(sb, "authentication", "every message shown verified (telemetry MAC)");
        }
        if (hk == null) {
            row(sb, "housekeeping", hl.paint("none received", Level.WARNING));
            return sb.toString();
        }
        String freshness;
        if (st.lastLiveRx() != null) {
            freshness = fmt("%s frame received %.1f s ago (%d live frames)", st.stale() ? "last live" : "live, last",
                    st.liveAgeS(now), st.liveFrames());
        } else {
            freshness = "no live frame; showing the broker's retained frame";
        }
        row(sb, "staleness", hl.paint((st.stale() ? "STALE: " : "") + freshness, st.stale() ? Level.WARNING : Level.NOMINAL));
        row(sb, "mission time", hk.path("t").asText() + "  (frame " + hk.path("seq").asLong() + ")");
        JsonNode ctl = hk.path("control");
        String reason = ctl.path("modeReason").asText("");
        row(sb, "mode", v(hk, "mode", c, hl) + (reason.isEmpty() ? "" : "  (" + reason + ")"));
        if (ctl.isObject()) {
            row(sb, "power budget", fmt("%s for the boards (bound by %s), %s allocated, %s boards on",
                    kw(hk, "control.budgetW", c, hl), ctl.path("budgetBinding").asText("?"),
                    kw(hk, "control.allocatedW", c, hl), v(hk, "control.boardsOn", c, hl)));
        }
        row(sb, "sunlit", hk.path("power").path("sunlit").asBoolean() ? "yes" : "no (eclipse)");
        row(sb, "array", kw(hk, "power.arrayAvailableW", c, hl) + " available, " + kw(hk, "power.arrayW", c, hl) + " delivered");
        row(sb, "bus", v(hk, "power.busV", c, hl) + ", load " + kw(hk, "power.loadW", c, hl));
        double batteryW = JsonPaths.number(JsonPaths.at(hk, "power.batteryW"));
        row(sb, "battery", v(hk, "power.socPct", c, hl) + fmt(" (%.2f kWh), ", JsonPaths.number(JsonPaths.at(hk, "power.batteryWh")) / 1000)
                + kw(hk, "power.batteryW", c, hl) + (batteryW >= 0 ? " charging" : " discharging"));
        row(sb, "thermal", "hottest zone " + hk.path("thermal").path("hottestZone").asText("?") + " "
                + v(hk, "thermal.maxZoneC", c, hl) + ", " + v(hk, "thermal.pumpsOn", c, hl) + " pumps on");
        row(sb, "boards", v(hk, "boards.enabled", c, hl) + " of " + v(hk, "boards.count", c, hl) + " enabled, draw "
                + kw(hk, "boards.powerW", c, hl) + ", caps " + kw(hk, "boards.capW", c, hl) + ", hottest "
                + v(hk, "boards.maxTempC", c, hl)
                + (ctl.isObject() ? ", " + v(hk, "control.isolated", c, hl) + " isolated, "
                + v(hk, "control.thermalLimited", c, hl) + " thermally limited" : ""));
        JsonNode l = hk.path("link");
        row(sb, "link", (l.path("connected").asBoolean() ? "up" : hl.paint("down", Level.WARNING)) + ", "
                + v(hk, "link.queued", c, hl) + " queued, " + v(hk, "link.sent", c, hl) + " sent, "
                + v(hk, "link.dropped", c, hl) + " dropped");
        row(sb, "quality", "power " + v(hk, "power.quality", c, hl) + ", thermal " + v(hk, "thermal.quality", c, hl));
        section(sb, "jobs", hk.path("jobs"), "jobs", c, hl);
        section(sb, "commanding", hk.path("commanding"), "commanding", c, hl);
        Iterator<Map.Entry<String, JsonNode>> it = hk.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!KNOWN_SECTIONS.contains(e.getKey())) {
                section(sb, e.getKey(), e.getValue(), e.getKey(), c, hl);
            }
        }
        if (!st.alarms().isEmpty()) {
            row(sb, "ALARMS", hl.paint(String.join(", ", st.alarms()), Level.ALARM));
        }
        if (!st.warnings().isEmpty()) {
            row(sb, "warnings", hl.paint(String.join(", ", st.warnings()), Level.WARNING));
        }
        return sb.toString();
    }

    /** A section flight adds (jobs, commanding, ...): its scalar points, {@code key value unit} each. */
    private static void section(StringBuilder sb, String title, JsonNode node, String prefix, PointCatalog c,
                                Highlighter hl) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            return;
        }
        if (!node.isContainerNode()) {
            row(sb, title, ValueFormat.format(node));
            return;
        }
        StringBuilder line = new StringBuilder();
        for (Map.Entry<String, JsonNode> e : JsonPaths.flatten(node).entrySet()) {
            String path = prefix + "." + e.getKey();
            String unit = c.spec(path).unit();
            line.append(line.length() > 0 ? ", " : "").append(e.getKey()).append(' ')
                    .append(hl.paint(ValueFormat.withUnit(e.getValue(), unit), c.judge(path, e.getValue())));
        }
        row(sb, title, line.length() == 0 ? "(empty)" : line.toString());
    }

    private static String v(JsonNode hk, String path, PointCatalog c, Highlighter hl) {
        JsonNode value = JsonPaths.at(hk, path);
        return hl.paint(ValueFormat.withUnit(value, c.spec(path).unit()), c.judge(path, value));
    }

    /** A value in W shown in kW. */
    private static String kw(JsonNode hk, String path, PointCatalog c, Highlighter hl) {
        JsonNode value = JsonPaths.at(hk, path);
        if (value.isMissingNode()) {
            return "-";
        }
        return hl.paint(fmt("%.1f kW", JsonPaths.number(value) / 1000), c.judge(path, value));
    }

    private static String fmt(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }

    private static void row(StringBuilder sb, String key, String value) {
        sb.append(String.format(Locale.ROOT, "  %-13s %s%n", key, value));
    }
}
