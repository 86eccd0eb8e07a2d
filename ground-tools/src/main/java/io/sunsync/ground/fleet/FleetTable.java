package io.sunsync.ground.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import io.sunsync.ground.status.SatelliteStatus;
import io.sunsync.ground.telemetry.Highlighter;
import io.sunsync.ground.telemetry.JsonPaths;
import io.sunsync.ground.telemetry.Level;
import io.sunsync.ground.telemetry.PointCatalog;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * The constellation view: one line per satellite (presence, mode, state of charge, power budget,
 * boards, freshness, level and what is out of limits) and a summary line. Stateless.
 */
public final class FleetTable {
    private FleetTable() {
    }

    /** The table for {@code statuses}. */
    public static String render(List<SatelliteStatus> statuses, PointCatalog catalog, Highlighter hl, Instant now) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%-12s %-8s %-11s %7s %10s %8s %-13s %-8s %s%n", "satellite", "presence",
                "mode", "SoC %", "budget kW", "boards", "freshness", "level", "out of limits"));
        int online = 0;
        int stale = 0;
        int alarms = 0;
        int warnings = 0;
        int refused = 0;
        for (SatelliteStatus s : statuses) {
            refused += s.refusedTotal() > 0 ? 1 : 0;
            JsonNode hk = s.hk();
            online += "online".equals(s.presence()) ? 1 : 0;
            stale += s.stale() ? 1 : 0;
            alarms += s.level() == Level.ALARM ? 1 : 0;
            warnings += s.level() == Level.WARNING ? 1 : 0;
            String mode = hk == null ? "-" : hk.path("mode").asText("-");
            double soc = hk == null ? Double.NaN : JsonPaths.number(JsonPaths.at(hk, "power.socPct"));
            double budget = hk == null ? Double.NaN : JsonPaths.number(JsonPaths.at(hk, "control.budgetW")) / 1000;
            String boards = hk == null ? "-" : hk.path("boards").path("enabled").asInt() + "/" + hk.path("boards").path("count").asInt();
            String fresh = s.lastLiveRx() != null ? String.format(Locale.ROOT, "%.1f s ago", s.liveAgeS(now))
                    : hk == null ? "never" : "retained";
            List<String> out = new java.util.ArrayList<>();
            if (s.refusedTotal() > 0) {
                out.add(hl.paint("REFUSED " + s.refusedTotal() + " unauthenticated " + s.refused(), Level.ALARM));
            }
            out.addAll(s.alarms());
            out.addAll(s.warnings());
            sb.append(String.format(Locale.ROOT, "%-12s ", s.sat()));
            sb.append(hl.paintLeft(s.presence(), "online".equals(s.presence()) ? Level.NOMINAL : Level.WARNING, 8)).append(' ');
            sb.append(hl.paintLeft(mode, hk == null ? Level.NOMINAL : catalog.judge("mode", hk.path("mode")), 11)).append(' ');
            sb.append(hl.paintPadded(Double.isNaN(soc) ? "-" : String.format(Locale.ROOT, "%.1f", soc),
                    hk == null ? Level.NOMINAL : catalog.judge("power.socPct", JsonPaths.at(hk, "power.socPct")), 7)).append(' ');
            sb.append(String.format(Locale.ROOT, "%10s %8s ", Double.isNaN(budget) ? "-" : String.format(Locale.ROOT, "%.1f", budget), boards));
            sb.append(hl.paintLeft(fresh, s.stale() ? Level.WARNING : Level.NOMINAL, 13)).append(' ');
            sb.append(hl.paintLeft(s.level().name(), s.level(), 8)).append(' ');
            sb.append(String.join(",", out));
            sb.append(System.lineSeparator());
        }
        sb.append(String.format(Locale.ROOT, "%d satellites: %d online, %d stale, %d in alarm, %d with warnings%s%n",
                statuses.size(), online, stale, alarms, warnings, refused == 0 ? ""
                        : String.format(Locale.ROOT, ", %d with telemetry that failed authentication (not shown)", refused)));
        return sb.toString();
    }
}
