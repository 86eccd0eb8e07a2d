package io.sunsync.ground.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;

/** The jobs of {@code job.list} (or one of {@code job.get}) as a table. Stateless. */
public final class JobTable {
    private JobTable() {
    }

    /** The table for the {@code jobs} array of a {@code job.list} report. */
    public static String render(JsonNode jobs) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%-20s %-10s %4s %-11s %-22s %7s %10s %9s  %s%n",
                "job", "owner", "prio", "state", "reason", "boards", "progress", "energy", "result"));
        for (JsonNode j : jobs) {
            double work = j.path("workUnits").asDouble(Double.NaN);
            double expected = j.path("expectedWorkUnits").asDouble(Double.NaN);
            String progress = Double.isNaN(work) ? "-" : Double.isNaN(expected) || expected <= 0
                    ? String.format(Locale.ROOT, "%.0f wu", work) : String.format(Locale.ROOT, "%.0f %%", 100 * work / expected);
            String result = j.path("resultAwaitingAck").asBoolean() ? j.path("resultBytes").asLong() + " B to fetch" : "";
            sb.append(String.format(Locale.ROOT, "%-20s %-10s %4d %-11s %-22s %7d %10s %7.0f Wh  %s%n",
                    j.path("id").asText(), j.path("owner").asText(), j.path("priority").asInt(), j.path("state").asText(),
                    j.path("reason").asText(""), j.path("boardIds").size(), progress, j.path("energyUsedWh").asDouble(), result));
        }
        return sb.toString();
    }
}
