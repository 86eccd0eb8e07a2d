package io.sunsync.ground.cli;

import io.sunsync.ground.archive.ArchiveRecord;
import io.sunsync.ground.plot.ChartRenderer;
import io.sunsync.ground.plot.ChartSpec;
import io.sunsync.ground.plot.PlotPreset;
import io.sunsync.ground.profile.LoadedProfile;
import io.sunsync.ground.telemetry.PointCatalog;
import io.sunsync.ground.telemetry.ValueFormat;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code sunsync ground plot}: a PNG chart of archived housekeeping. */
@Command(name = "plot", mixinStandardHelpOptions = true,
        description = {"Renders a PNG chart of archived housekeeping over a time range: a preset (power budget vs "
                + "array vs battery, state of charge with its floor, temperatures with their limits, caps, or an "
                + "overview of all of them) or the points you choose. Points sharing a unit share a panel; W is "
                + "plotted as kW; warning and alarm limits are dashed lines.",
                "Reads a file archive (--dir) or an archive database (--db). Times are ISO-8601 instants or spans back "
                        + "from the newest record (90s, 30m, 2h, 1d)."},
        footer = {"", "Examples:",
                "  sunsync ground plot --sat sat-001 --preset power --from 2h -o power.png",
                "  sunsync ground plot --sat sat-001 --preset soc --from 2027-06-21T00:00:00Z --to 2027-06-21T03:00:00Z",
                "  sunsync ground plot --sat sat-001 --points power.socPct,thermal.maxZoneC --width 1600 --height 900",
                "  sunsync ground plot --db postgresql://ops@db1/sunsync --sat sat-0042 --preset soc --from 1d"})
public final class PlotCommand extends GroundCommand {
    @Mixin
    ArchiveRange range;

    @Option(names = "--preset", defaultValue = "overview", paramLabel = "NAME",
            description = "power, soc, thermal, caps or overview (default ${DEFAULT-VALUE}); ignored with --points.")
    String preset;

    @Option(names = {"-p", "--points"}, split = ",", paramLabel = "PATH", description = "Points to plot instead of a preset.")
    List<String> points;

    @Option(names = "--title", description = "Chart title (default: the preset's).")
    String title;

    @Option(names = {"-o", "--out"}, paramLabel = "FILE", description = "PNG file (default: SAT-PRESET.png).")
    Path outFile;

    @Option(names = "--width", defaultValue = "1200", description = "Width in px (default ${DEFAULT-VALUE}).")
    int width;

    @Option(names = "--height", defaultValue = "800", description = "Height in px (default ${DEFAULT-VALUE}).")
    int height;

    @Override
    protected ExitCode run(LoadedProfile profile) throws Exception {
        String sat = range.sat;
        ChartSpec spec;
        String name;
        if (points != null && !points.isEmpty()) {
            name = "points";
            spec = new ChartSpec(title != null ? title : String.join(", ", points) + " - " + sat, points);
        } else {
            PlotPreset p;
            try {
                p = PlotPreset.valueOf(preset.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new UsageException("--preset must be one of power, soc, thermal, caps, overview; was '" + preset + "'");
            }
            name = p.name().toLowerCase(Locale.ROOT);
            spec = title == null ? p.spec(sat) : new ChartSpec(title, p.spec(sat).points());
        }
        List<ArchiveRecord> records;
        try (HistorySource source = range.source(profile, environ, clock)) {
            ArchiveRange.Bounds b = range.bounds(source, "hk");
            if (b == null) {
                err().println("plot: no housekeeping of " + sat + " in " + source.describe());
                return ExitCode.NO_DATA;
            }
            records = source.read(sat, "hk", b.from(), b.to(), null);
        }
        if (records.isEmpty()) {
            err().println("plot: no housekeeping of " + sat + " in that range");
            return ExitCode.NO_DATA;
        }
        Path png = outFile != null ? outFile : Path.of(sat + "-" + name + ".png");
        PointCatalog catalog = PointCatalog.builtIn().withLimits(profile.profile().limits());
        List<ChartRenderer.SeriesSummary> summary = fromArguments(() -> ChartRenderer.render(spec, records, catalog, png, width, height));
        out().printf(Locale.ROOT, "plot: %s (%dx%d px), %d frames from %s to %s%n", png, width, height, records.size(),
                records.get(0).when(), records.get(records.size() - 1).when());
        for (ChartRenderer.SeriesSummary s : summary) {
            out().printf(Locale.ROOT, "  %-24s %-4s min %10s  max %10s  last %10s  (%d samples)%n", s.path(), s.unit(),
                    ValueFormat.number(s.min()), ValueFormat.number(s.max()), ValueFormat.number(s.last()), s.samples());
        }
        out().flush();
        return ExitCode.OK;
    }
}
