package io.sunsync.sim.cli;

import io.sunsync.sim.economy.FleetProjection;
import io.sunsync.sim.economy.MassBudget;
import io.sunsync.sim.scenario.Scenario;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code sunsync sim fleet --tonnes-per-year T}: a fleet of the scenario's satellite launched at T
 * tonnes a year ({@link FleetProjection}); prints the projection as Markdown (or JSON) and writes
 * {@code fleet.json} and {@code fleet.md} into {@code --out}.
 */
@Command(name = "fleet", mixinStandardHelpOptions = true,
        description = "A fleet launched at T tonnes a year: satellites, GW and work per year from the measured "
                + "per-satellite figure, and the sensitivity to altitude, eclipse season, battery size and array degradation.")
public final class FleetCommand implements Callable<Integer> {

    @Option(names = "--tonnes-per-year", required = true, description = "Satellite mass launched each year, in t.")
    double tonnesPerYear;

    @Option(names = "--years", defaultValue = "10", description = "Years to project (default ${DEFAULT-VALUE}).")
    int years;

    @Mixin
    ReportOptions report;

    @Override
    public Integer call() throws Exception {
        Scenario s = report.scenario();
        FleetProjection.Result r = FleetProjection.project(s, tonnesPerYear, years, report.ratio());
        report.write("fleet", markdown(r), r);
        return 0;
    }

    /** The projection as Markdown. */
    static String markdown(FleetProjection.Result r) {
        StringBuilder sb = new StringBuilder();
        MassBudget m = r.mass();
        sb.append(String.format(Locale.ROOT, "# Fleet projection: %s, %s t a year for %d years%n%n", r.scenario(),
                Format.num(r.tonnesPerYear()), r.years().size()));
        sb.append(String.format(Locale.ROOT, "The satellite: %s. Launch %s a satellite.%n%n", Format.mass(m),
                Format.usdRange(m.launchLowUsd(), m.launchHighUsd())));
        var y = r.firstYear();
        sb.append(String.format(Locale.ROOT, "One satellite's first year: %s work units achieved (the oracle's bound, %s, "
                        + "times the flight throttler's measured ratio), %s MWh collected, %s work units per kWh collected; "
                        + "its eclipse season (%d days, longest eclipse %.1f min) takes %.1f %% of the year's work.%n%n",
                Format.sci(y.achievedWorkUnits()), Format.sci(y.boundWorkUnits()), Format.num(y.collectedKWh() / 1000),
                Format.num(y.workPerKWhCollected()), y.eclipseDays(), y.longestEclipseS() / 60, y.seasonLossPct()));
        sb.append("Ratio: ").append(r.ratio().source()).append(String.format(Locale.ROOT,
                " (days with eclipses %.4f, without %.4f).%n%n", r.ratio().eclipseSeason(), r.ratio().noEclipse()));
        sb.append(String.format(Locale.ROOT, "%s satellites a year; each serves %s years (its boards' useful life), "
                        + "its array losing %s %%/yr. A year's launches enter service at its start.%n%n",
                Format.num(r.satellitesPerYear()), Format.num(r.boardLifeYears()), Format.num(100 * r.degradationPerYear())));
        sb.append("| year | satellites launched | in service | GW added (array) | GW added (compute) | GW compute in service "
                + "| work units in the year | board-years at full cap |\n|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (FleetProjection.Year yr : r.years()) {
            sb.append(String.format(Locale.ROOT, "| %d | %s | %s | %.3f | %.3f | %.3f | %s | %s |%n", yr.year(),
                    Format.num(yr.satellitesLaunched()), Format.num(yr.satellitesInService()), yr.arrayGwAdded(),
                    yr.computeGwAdded(), yr.computeGwInService(), Format.sci(yr.workUnits()), Format.num(yr.boardYears())));
        }
        sb.append("\n## Sensitivity\n\nOne thing changed at a time; \"a year's launch\" is what the satellites one year's "
                + "tonnes buy do in their first year in orbit.\n\n| variant | satellite (kg) | satellites a year | work per "
                + "satellite-year | per kg-year | a year's launch, first year | vs base | eclipse season takes |\n"
                + "|---|---:|---:|---:|---:|---:|---:|---:|\n");
        for (FleetProjection.Variant v : r.sensitivity()) {
            if (v.refused() != null) {
                sb.append("| ").append(v.name()).append(" | refused: ").append(v.refused()).append(" | | | | | | |\n");
                continue;
            }
            sb.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %+.1f %% | %.1f %% |%n", v.name(),
                    Format.num(v.satelliteKg()), Format.num(v.satellitesPerYear()), Format.sci(v.workPerSatelliteYear()),
                    Format.num(v.workPerKgYear()), Format.sci(v.fleetFirstYearWork()), v.changePct(), v.seasonLossPct()));
        }
        sb.append(String.format(Locale.ROOT, "%n%d one-orbit programs solved by the oracle.%n", r.orbitsSolved()));
        return sb.toString();
    }
}
