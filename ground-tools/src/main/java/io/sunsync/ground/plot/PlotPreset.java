package io.sunsync.ground.plot;

import java.util.List;

/** Charts operators ask for most, by name ({@code --preset}). */
public enum PlotPreset {
    /** Power budget for the boards against array power, battery power and board draw. */
    POWER("Power budget vs array vs battery", List.of("control.budgetW", "power.arrayAvailableW", "power.arrayW",
            "power.batteryW", "boards.powerW")),
    /** Battery state of charge with its floor. */
    SOC("Battery state of charge", List.of("power.socPct")),
    /** Hottest zone and hottest board, with their limits. */
    THERMAL("Temperatures", List.of("thermal.maxZoneC", "boards.maxTempC")),
    /** Sum of board caps against what the allocator set and what the boards drew. */
    CAPS("Board power caps", List.of("boards.capW", "control.allocatedW", "boards.powerW", "control.budgetW")),
    /** Power, state of charge and temperatures stacked: the anomaly-review view. */
    OVERVIEW("Overview", List.of("control.budgetW", "power.arrayW", "power.batteryW", "boards.powerW", "power.socPct",
            "thermal.maxZoneC", "boards.maxTempC"));

    private final String title;
    private final List<String> points;

    PlotPreset(String title, List<String> points) {
        this.title = title;
        this.points = points;
    }

    /** The chart's title. */
    public String title() {
        return title;
    }

    /** Its points, in legend order. */
    public List<String> points() {
        return points;
    }

    /** The chart for satellite {@code sat}. */
    public ChartSpec spec(String sat) {
        return new ChartSpec(title + " - " + sat, points);
    }
}
