package io.sunsync.ground.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.sunsync.ground.mqtt.GroundConnection;
import io.sunsync.ground.profile.LoadedProfile;
import io.sunsync.ground.telemetry.Highlighter;
import io.sunsync.ground.telemetry.Level;
import io.sunsync.ground.telemetry.PointCatalog;
import io.sunsync.ground.telemetry.PointSpec;
import io.sunsync.ground.telemetry.WatchTable;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code sunsync ground tm}: live telemetry. */
@Command(name = "tm", mixinStandardHelpOptions = true, description = "Live telemetry.",
        subcommands = {TmCommand.Watch.class, TmCommand.Points.class, CommandLine.HelpCommand.class})
public final class TmCommand {

    /** The default points of {@code tm watch}. */
    static final List<String> DEFAULT_POINTS = List.of("mode", "power.socPct", "power.arrayW", "control.budgetW",
            "power.batteryW", "boards.powerW", "thermal.maxZoneC", "boards.maxTempC");

    /** {@code tm watch}: one row per housekeeping frame. */
    @Command(name = "watch", mixinStandardHelpOptions = true,
            description = {"Follows a satellite's housekeeping, one row per frame, with units; values outside their "
                    + "warning limits are yellow (plain output: marked !), outside their alarm limits red (!!).",
                    "Limits come from the satellite's dictionary (sunsync/{sat}/dict) when it publishes them, else "
                            + "from built-in knowledge of the frame; the profile's 'limits' section overrides both.",
                    "With --count or --duration-s the exit code is 6 if the last frame had a point in alarm."},
            footer = {"", "Examples:",
                    "  sunsync ground tm watch --sat sat-001",
                    "  sunsync ground tm watch --sat sat-001 --points power.socPct,control.budgetW,power.arrayW",
                    "  sunsync ground tm watch --sat sat-001 --count 1 --points power.socPct   # a check for scripts",
                    "  sunsync ground tm points --sat sat-001                                  # what can be watched"})
    public static final class Watch extends ConnectedCommand {
        @Option(names = {"-s", "--sat"}, required = true, paramLabel = "ID", description = "Satellite id.")
        String sat;

        @Option(names = {"-p", "--points"}, split = ",", paramLabel = "PATH",
                description = "Dotted points to show (default: mode, power.socPct, power.arrayW, control.budgetW, "
                        + "power.batteryW, boards.powerW, thermal.maxZoneC, boards.maxTempC).")
        List<String> points;

        @Option(names = "--count", paramLabel = "N", description = "Stop after N live frames.")
        Long count;

        @Mixin
        DurationOption duration;

        @Option(names = "--timeout-s", defaultValue = "10",
                description = "Give up when no frame comes for this long, in s (default ${DEFAULT-VALUE}).")
        double timeoutS;

        @Option(names = "--header-every", defaultValue = "25", paramLabel = "ROWS",
                description = "Repeat the header every ROWS rows (default ${DEFAULT-VALUE}; 0: once).")
        int headerEvery;

        @Override
        protected ExitCode run(LoadedProfile profile) throws Exception {
            WatchTable table = new WatchTable(points == null || points.isEmpty() ? DEFAULT_POINTS : points);
            PointCatalog base = PointCatalog.builtIn();
            PointCatalog catalog = base.withLimits(profile.profile().limits());
            Highlighter hl = highlighter();
            long liveRows = 0;
            long rows = 0;
            Level last = Level.NOMINAL;
            boolean any = false;
            verifier(profile);
            try (GroundConnection conn = connect(profile, "tm")) {
                conn.subscribe("sunsync/" + sat + "/dict", "sunsync/" + sat + "/tm/hk");
                long end = duration.deadlineNanos();
                long quietSince = System.nanoTime();
                while (System.nanoTime() < end && (count == null || liveRows < count)) {
                    GroundConnection.Received r = conn.poll(100);
                    if (r == null) {
                        if (System.nanoTime() - quietSince > timeoutS * 1e9) {
                            out().flush();
                            ExitCode code = any ? ExitCode.STALE : ExitCode.NO_DATA;
                            fail(code, "no " + (any ? "" : "authenticated ") + "housekeeping from " + sat + " for "
                                    + timeoutS + " s");
                            return unlessRefused(code);
                        }
                        continue;
                    }
                    if (!authentic(profile, r)) {
                        continue;
                    }
                    quietSince = System.nanoTime();
                    if (r.subtopic().equals("dict")) {
                        catalog = base.withDictionary(r.json()).withLimits(profile.profile().limits());
                        continue;
                    }
                    JsonNode frame = r.json();
                    if (headerEvery > 0 ? rows % headerEvery == 0 : rows == 0) {
                        out().println(table.header(catalog));
                    }
                    out().println(table.row(frame, catalog, hl, r.retained() ? "retained" : null));
                    out().flush();
                    rows++;
                    any = true;
                    last = table.level(frame, catalog);
                    if (!r.retained()) {
                        liveRows++;
                    }
                }
            }
            return unlessRefused(last == Level.ALARM ? ExitCode.LIMIT_ALARM : ExitCode.OK);
        }
    }

    /** {@code tm points}: the catalogue of points. */
    @Command(name = "points", mixinStandardHelpOptions = true,
            description = "Lists the housekeeping points the ground knows: path, unit, limits, description. With --sat, "
                    + "includes what the satellite's dictionary says.",
            footer = {"", "Examples:", "  sunsync ground tm points", "  sunsync ground tm points --sat sat-001"})
    public static final class Points extends ConnectedCommand {
        @Option(names = {"-s", "--sat"}, paramLabel = "ID", description = "Read this satellite's dictionary too.")
        String sat;

        @Option(names = "--timeout-s", defaultValue = "2", description = "How long to wait for the dictionary, in s (default ${DEFAULT-VALUE}).")
        double timeoutS;

        @Override
        protected ExitCode run(LoadedProfile profile) throws Exception {
            PointCatalog catalog = PointCatalog.builtIn();
            if (sat != null) {
                try (GroundConnection conn = connect(profile, "tm")) {
                    conn.subscribe("sunsync/" + sat + "/dict");
                    GroundConnection.Received r = conn.poll((long) (timeoutS * 1000));
                    if (r == null || !authentic(profile, r)) {
                        err().println("tm points: no " + (r == null ? "" : "authenticated ") + "dictionary from " + sat
                                + " (retained on sunsync/" + sat + "/dict); showing built-in knowledge");
                    } else {
                        catalog = catalog.withDictionary(r.json());
                    }
                }
            }
            catalog = catalog.withLimits(profile.profile().limits());
            out().printf(Locale.ROOT, "%-28s %-10s %-34s %s%n", "point", "unit", "limits", "description");
            for (PointSpec p : catalog.known()) {
                out().printf(Locale.ROOT, "%-28s %-10s %-34s %s%n", p.path(), p.unit(),
                        p.limits().isNone() ? (p.states().isEmpty() ? "" : "states " + p.states()) : p.limits().describe(),
                        p.description());
            }
            out().flush();
            return unlessRefused(ExitCode.OK);
        }
    }
}
