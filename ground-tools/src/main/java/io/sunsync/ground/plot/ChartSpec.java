package io.sunsync.ground.plot;

import java.util.List;
import java.util.Objects;

/**
 * What to draw: a title and the points to plot. Points sharing a unit share a panel; panels
 * stack over one mission-time axis. Each point's warning and alarm limits are drawn as
 * horizontal lines in its panel.
 *
 * @param title  the chart title
 * @param points dotted housekeeping paths, in legend order
 */
public record ChartSpec(String title, List<String> points) {
    public ChartSpec {
        Objects.requireNonNull(title, "title");
        points = List.copyOf(points);
        if (points.isEmpty()) {
            throw new IllegalArgumentException("a chart needs at least one point");
        }
    }
}
