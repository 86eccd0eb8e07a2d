package io.sunsync.ground.telemetry;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * The columns of {@code tm watch}: one column per chosen point, a header with names and units,
 * one row per frame with values highlighted by their limits. Immutable.
 */
public final class WatchTable {
    private static final int TIME_WIDTH = 22;
    private final List<String> points;
    private final int[] widths;

    /** @param points dotted paths of the points to show, in order */
    public WatchTable(List<String> points) {
        if (points.isEmpty()) {
            throw new IllegalArgumentException("at least one point is needed");
        }
        this.points = List.copyOf(points);
        this.widths = new int[points.size()];
        for (int i = 0; i < points.size(); i++) {
            widths[i] = Math.max(10, points.get(i).length());
        }
    }

    /** The points shown. */
    public List<String> points() {
        return points;
    }

    /** Two header lines: point names, then units. */
    public String header(PointCatalog catalog) {
        StringBuilder names = new StringBuilder(pad("mission time", TIME_WIDTH));
        StringBuilder units = new StringBuilder(pad("", TIME_WIDTH));
        for (int i = 0; i < points.size(); i++) {
            names.append("  ").append(left(points.get(i), widths[i]));
            String unit = catalog.spec(points.get(i)).unit();
            units.append("  ").append(left(unit.isEmpty() ? "" : "[" + unit + "]", widths[i]));
        }
        return names.toString().stripTrailing() + System.lineSeparator() + units.toString().stripTrailing();
    }

    /**
     * One row for {@code frame}.
     *
     * @param note a short note after the row (e.g. {@code retained}), or null
     */
    public String row(JsonNode frame, PointCatalog catalog, Highlighter hl, String note) {
        StringBuilder sb = new StringBuilder(pad(frame.path("t").asText("?"), TIME_WIDTH));
        for (int i = 0; i < points.size(); i++) {
            JsonNode v = JsonPaths.at(frame, points.get(i));
            sb.append("  ").append(hl.paintPadded(ValueFormat.format(v), catalog.judge(points.get(i), v), widths[i]));
        }
        if (note != null) {
            sb.append("  (").append(note).append(')');
        }
        return sb.toString();
    }

    /** The worst level among the shown points of {@code frame}. */
    public Level level(JsonNode frame, PointCatalog catalog) {
        Level l = Level.NOMINAL;
        for (String p : points) {
            l = l.worst(catalog.judge(p, JsonPaths.at(frame, p)));
        }
        return l;
    }

    private static String pad(String s, int w) {
        return s.length() >= w ? s : s + " ".repeat(w - s.length());
    }

    private static String left(String s, int w) {
        return " ".repeat(Math.max(0, w - s.length())) + s;
    }
}
