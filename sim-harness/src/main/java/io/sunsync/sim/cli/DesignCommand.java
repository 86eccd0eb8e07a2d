package io.sunsync.sim.cli;

import io.sunsync.hal.config.ConfigException;
import io.sunsync.sim.economy.DesignSearch;
import io.sunsync.sim.economy.MassBudget;
import io.sunsync.sim.scenario.Scenario;
import io.sunsync.sim.truth.TruthLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code sunsync sim design --altitude-km H --boards N}: searches battery capacity, radiator area
 * and board count around a reference design for the most work per kg (or per $) over a year
 * ({@link DesignSearch}); prints the chosen design, its figures and the frontier it explored, and
 * writes {@code design.json}, {@code design.md}, {@code frontier.png} and the chosen design as a
 * scenario file ({@code design-scenario.json}, the deepest day of its eclipse season) for flying it
 * with {@code ./sunsync bench throttler --scenario-file}.
 */
@Command(name = "design", mixinStandardHelpOptions = true,
        description = "Searches battery capacity, radiator area and board count for the most work per kg (or per $) "
                + "over a year with no limit violated: the oracle's bound times the flight throttler's measured ratio.")
public final class DesignCommand implements Callable<Integer> {

    @Option(names = "--altitude-km", description = "The orbit's altitude, in km (default: the scenario's).")
    Double altitudeKm;

    @Option(names = "--boards", description = "The reference design's board count (default: the scenario's).")
    Integer boards;

    @Option(names = "--objective", defaultValue = "work-per-kg",
            description = "work-per-kg or work-per-usd (launch; ranks as per kg does) (default ${DEFAULT-VALUE}).")
    String objective;

    @Option(names = "--boards-range", description = "Board counts to search, MIN..MAX (default: half to twice --boards).")
    String boardsRange;

    @Option(names = "--battery-kwh", description = "Battery capacities to search, MIN..MAX in kWh (default: a quarter to "
            + "four times the reference's).")
    String batteryKWh;

    @Option(names = "--radiator-m2", description = "Radiator panel areas allowed, MIN..MAX in m² (default 10..400).")
    String radiatorM2;

    @Mixin
    ReportOptions report;

    @Override
    public Integer call() throws Exception {
        DesignSearch.Objective obj = DesignSearch.Objective.parse(objective);
        Scenario s = report.scenario().with(null, null, boards, altitudeKm);
        DesignSearch.Bounds d = DesignSearch.Bounds.around(s);
        double[] b = range("--boards-range", boardsRange, d.minBoards(), d.maxBoards());
        double[] w = range("--battery-kwh", batteryKWh, d.minBatteryWh() / 1000, d.maxBatteryWh() / 1000);
        double[] r = range("--radiator-m2", radiatorM2, d.minRadiatorM2(), d.maxRadiatorM2());
        DesignSearch.Bounds bounds = new DesignSearch.Bounds((int) b[0], (int) b[1], w[0] * 1000, w[1] * 1000, r[0], r[1]);
        DesignSearch.Result res = DesignSearch.search(s, obj, bounds, report.ratio());
        Path out = report.folder();
        FrontierChart.write(res, out.resolve("frontier.png"));
        Path scenarioOut = out.resolve("design-scenario.json");
        Files.writeString(scenarioOut, TruthLog.mapper().writerWithDefaultPrettyPrinter()
                .writeValueAsString(chosenScenario(s, res)) + "\n");
        report.write("design", markdown(res, scenarioOut), res, out.resolve("frontier.png"), scenarioOut);
        return 0;
    }

    /** The chosen design flown on the deepest day of its eclipse season, for the throttler bench. */
    static Scenario chosenScenario(Scenario s, DesignSearch.Result r) {
        Map<String, Object> v = new LinkedHashMap<>(r.bestValues(s));
        var season = io.sunsync.sim.economy.DesignCheck.season(s);
        if (season.longestOn() != null) {
            v.put("start", season.longestOn().atStartOfDay(ZoneOffset.UTC).toInstant());
        }
        v.put("durationS", 86_400.0);
        v.put("faults", List.of());
        v.put("name", String.format(Locale.ROOT, "design-%dboards-%.0fkWh-%.0fm2", r.best().boards(),
                r.best().batteryWh() / 1000, r.best().radiatorM2()));
        v.put("description", "the design sim design chose (" + r.objective().flag() + ") on the deepest day of its eclipse "
                + "season");
        return s.withValues(v);
    }

    static double[] range(String option, String text, double dMin, double dMax) {
        if (text == null) {
            return new double[] {dMin, dMax};
        }
        String[] parts = text.split("\\.\\.");
        try {
            if (parts.length == 2) {
                double lo = Double.parseDouble(parts[0].trim());
                double hi = Double.parseDouble(parts[1].trim());
                if (lo > 0 && hi >= lo) {
                    return new double[] {lo, hi};
                }
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new ConfigException(option, "must be MIN..MAX with 0 < MIN <= MAX, was '" + text + "'");
    }

    /** The search as Markdown. */
    static String markdown(DesignSearch.Result r, Path scenarioOut) {
        StringBuilder sb = new StringBuilder();
        DesignSearch.Bounds b = r.bounds();
        DesignSearch.Candidate ref = r.reference();
        DesignSearch.Candidate best = r.best();
        sb.append(String.format(Locale.ROOT, "# Design search: %s at %.0f km, most %s%n%n", r.scenario(), r.altitudeKm(),
                r.objective() == DesignSearch.Objective.WORK_PER_KG ? "work per kg" : "work per $ of launch"));
        long refused = r.explored().stream().filter(c -> !c.feasible()).count();
        sb.append(String.format(Locale.ROOT, "Bounds: boards %d..%d, battery %s..%s kWh (its charge and discharge limits at "
                        + "the reference's C-rates), radiator %s..%s m² of panel (for each design the least area whose hot "
                        + "case keeps 2 K below the loop limit and the boards' slowdown). Explored %d designs (a 6 x 5 grid, "
                        + "then two rounds of halved steps around the best), %d refused; the year sampled at %d orbits for "
                        + "the search and the chosen and reference designs again at the fine sampling; %d one-orbit programs "
                        + "in %.1f s.%n%n", b.minBoards(), b.maxBoards(), Format.num(b.minBatteryWh() / 1000),
                Format.num(b.maxBatteryWh() / 1000), Format.num(b.minRadiatorM2()), Format.num(b.maxRadiatorM2()),
                r.explored().size(), refused, r.orbitsPropagated(), r.programsSolved(), r.wallS()));
        sb.append("Ratio: ").append(r.ratio().source()).append(String.format(Locale.ROOT,
                " (days with eclipses %.4f, without %.4f).%n%n", r.ratio().eclipseSeason(), r.ratio().noEclipse()));
        sb.append("## The chosen design\n\n| | reference | chosen |\n|---|---:|---:|\n");
        row(sb, "boards", Integer.toString(ref.boards()), Integer.toString(best.boards()));
        row(sb, "battery (kWh)", Format.num(ref.batteryWh() / 1000), Format.num(best.batteryWh() / 1000));
        row(sb, "radiator (m² of panel)", Format.num(ref.radiatorM2()), Format.num(best.radiatorM2()));
        row(sb, "mass (kg)", Format.num(ref.massKg()), Format.num(best.massKg()));
        row(sb, "work per year, the oracle's bound", Format.sci(ref.boundWorkPerYear()), Format.sci(best.boundWorkPerYear()));
        row(sb, "work per year, achieved", Format.sci(ref.achievedWorkPerYear()), Format.sci(best.achievedWorkPerYear()));
        row(sb, "work per kg-year", Format.num(ref.workPerKgYear()), Format.num(best.workPerKgYear()));
        row(sb, "work over the board life per $ of launch (low price)", Format.num(ref.lifetimeWorkPerUsd()),
                Format.num(best.lifetimeWorkPerUsd()));
        row(sb, "board die in the hot case (°C)", Format.num(ref.hotDieC()), Format.num(best.hotDieC()));
        sb.append(String.format(Locale.ROOT, "%nChosen: %s. Launch %s. Hot case: %.1f kW into the hottest loop, radiator "
                        + "%.1f °C, fluid %.1f °C (limit %.0f), die %.1f °C (slowdown %.0f). Its eclipse season takes %.1f %% "
                        + "of its year. %+.1f %% work per kg against the reference.%n", Format.mass(r.bestMass()),
                Format.usdRange(r.bestMass().launchLowUsd(), r.bestMass().launchHighUsd()), r.bestHot().loopHeatW() / 1000,
                r.bestHot().radiatorC(), r.bestHot().fluidC(), r.bestHot().loopMaxC(), r.bestHot().dieC(),
                r.bestHot().slowdownC(), r.bestYear().seasonLossPct(), 100 * (best.workPerKgYear() / ref.workPerKgYear() - 1)));
        String atBound = bounds(r);
        if (!atBound.isEmpty()) {
            sb.append("\nAt a bound of the search: ").append(atBound).append(": the optimum may lie beyond it.\n");
        }
        sb.append("\nThe bound keeps every battery limit (floor, rates) and the achieved figure is a ratio measured on runs "
                + "without violations; the thermal limits are held by the hot case. To fly the chosen design with the "
                + "flight throttler on the deepest day of its eclipse season:\n\n    ./sunsync bench throttler "
                + "--scenario-file " + scenarioOut + "\n");
        sb.append("\n## The frontier it explored\n\nBest first; the search's figures use the coarse year (the table above, "
                + "the fine one).\n\n| boards | battery (kWh) | radiator (m²) | mass (kg) | achieved work per year | per "
                + "kg-year | stage | refused |\n|---:|---:|---:|---:|---:|---:|---:|---|\n");
        List<DesignSearch.Candidate> sorted = r.explored().stream().sorted((x, y) -> {
            if (x.feasible() != y.feasible()) {
                return x.feasible() ? -1 : 1;
            }
            return Double.compare(y.workPerKgYear(), x.workPerKgYear());
        }).toList();
        for (DesignSearch.Candidate c : sorted) {
            sb.append(String.format(Locale.ROOT, "| %d | %s | %s | %s | %s | %s | %d | %s |%n", c.boards(),
                    Format.num(c.batteryWh() / 1000), Format.num(c.radiatorM2()), Format.num(c.massKg()),
                    Format.sci(c.achievedWorkPerYear()), Format.num(c.workPerKgYear()), c.stage(),
                    c.refused() == null ? "" : c.refused()));
        }
        sb.append("\nPlot: frontier.png (work per year against mass; the dashed line is the chosen design's work per kg).\n");
        return sb.toString();
    }

    private static String bounds(DesignSearch.Result r) {
        StringBuilder sb = new StringBuilder();
        DesignSearch.Bounds b = r.bounds();
        DesignSearch.Candidate c = r.best();
        if (c.boards() <= b.minBoards() || c.boards() >= b.maxBoards()) {
            sb.append("boards ").append(c.boards());
        }
        if (c.batteryWh() <= b.minBatteryWh() * 1.001 || c.batteryWh() >= b.maxBatteryWh() * 0.999) {
            sb.append(sb.length() > 0 ? ", " : "").append("battery ").append(Format.num(c.batteryWh() / 1000)).append(" kWh");
        }
        if (c.radiatorM2() <= b.minRadiatorM2() || c.radiatorM2() >= b.maxRadiatorM2()) {
            sb.append(sb.length() > 0 ? ", " : "").append("radiator ").append(Format.num(c.radiatorM2())).append(" m²");
        }
        return sb.toString();
    }

    private static void row(StringBuilder sb, String name, String a, String b) {
        sb.append("| ").append(name).append(" | ").append(a).append(" | ").append(b).append(" |\n");
    }
}
