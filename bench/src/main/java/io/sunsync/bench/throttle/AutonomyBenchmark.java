package io.sunsync.bench.throttle;

import io.sunsync.bench.cli.BenchCommand;
import io.sunsync.bench.cli.OutFolder;
import io.sunsync.bench.cli.Quick;
import io.sunsync.bench.cli.ScenarioDir;
import io.sunsync.bench.closedloop.FlightController;
import io.sunsync.bench.closedloop.GroundEphemeris;
import io.sunsync.flight.protect.ProtectionConfig;
import io.sunsync.flight.throttle.EclipseWindow;
import io.sunsync.flight.throttle.ThrottlerConfig;
import io.sunsync.sim.fdyn.FlightDynamics;
import io.sunsync.sim.oracle.Oracle;
import io.sunsync.sim.oracle.OracleResult;
import io.sunsync.sim.scenario.Gauge;
import io.sunsync.sim.scenario.Scenario;
import io.sunsync.sim.scenario.Sensors;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.UnaryOperator;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ./sunsync bench autonomy [--scenario FILE]... [--quick]}: flight's control chain (the
 * throttler and the fast power protection) flown without a ground that knows better, over a grid
 * of what it may be told about the orbit and how wrong its sensors may be:
 * <ul>
 *   <li>forecast: none at all; orbit elements 0, 1, 3, 7, 14 days old at the start (fitted to the
 *       truth by the ground's flight dynamics, propagated on board); the ground's eclipse ephemeris
 *       shifted -60, -10, +10, +60 s (early and late);</li>
 *   <li>sensors: nominal (the sim's own noise and drawn errors), the battery gauge reporting 5 % of
 *       capacity too much or too little, the array sensor reading 3 % low.</li>
 * </ul>
 * on (a) 30 days from the onset of the eclipse season (the first eclipses of the year), (b) the
 * cascading-faults day, and any scenario file given. Every cell must hold 0 violations; each also
 * reports its ratio to the oracle. Writes {@code bench/out/autonomy.{json,md}}.
 */
@Command(name = "autonomy", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"The throttler over a grid of forecast sources and sensor errors: violations and ratio per cell.",
            "--quick: the season onset for 3 days instead of 30; the other scenarios as they are."})
public final class AutonomyBenchmark implements Callable<Integer> {

    @Option(names = "--scenario", description = "a scenario file to add to the grid (repeatable)")
    List<Path> extra = new ArrayList<>();

    @Option(names = "--forecast", description = "only these forecast cases, by name (repeatable; e.g. \"none\", "
            + "\"elements 7 d\", \"ephemeris +10 s\"); default: all")
    List<String> forecastNames = new ArrayList<>();

    @Option(names = "--sensors", description = "only these sensor cases, by name (repeatable; e.g. \"nominal\", "
            + "\"gauge +5 %%\"); default: all")
    List<String> sensorNames = new ArrayList<>();

    @Spec
    CommandSpec spec;

    @Option(names = "--threads", defaultValue = "1", description = "cells flown at once (each is independent and "
            + "single-threaded; results do not depend on it) [default: ${DEFAULT-VALUE}]")
    int threads;

    @Mixin
    ScenarioDir scenarios;

    @Mixin
    Quick quick;

    @Mixin
    OutFolder outFolder;

    /** What the satellite is told about its eclipses. */
    public record ForecastCase(String name, ForecastSource source) {
    }

    /** How a forecast case sets flight up on a scenario. */
    @FunctionalInterface
    public interface ForecastSource {
        /** The ephemeris uplinked before the run (empty: none). */
        List<EclipseWindow> ephemeris(Scenario s);

        /** Orbit elements (TLE) uplinked before the run, flown by flight's on-board prediction; null: none. */
        default String elements(Scenario s) {
            return null;
        }

        /** Only elements {@code ageDays} old at the start, fitted to the truth by the ground's flight dynamics. */
        static ForecastSource elementsAged(int ageDays) {
            return new ForecastSource() {
                @Override
                public List<EclipseWindow> ephemeris(Scenario s) {
                    return List.of();
                }

                @Override
                public String elements(Scenario s) {
                    return FlightDynamics.of(s).elementsAged(Duration.ofDays(ageDays)).tle();
                }
            };
        }
    }

    /** How wrong the sensors are, as a change to the scenario's sensor model. */
    public record SensorCase(String name, UnaryOperator<Scenario> apply) {
    }

    /**
     * One cell.
     *
     * @param scenario    the scenario
     * @param forecast    the forecast case
     * @param sensors     the sensor case
     * @param violations  limit-violation episodes
     * @param byKind      by kind
     * @param ratio       work over the oracle's bound
     * @param trips       fast power-protection trips
     * @param tripsBy     by trigger
     * @param shedsIncomplete trips whose shed did not reach every board within its budget
     * @param wallS       wall time of the run
     * @param switchOffsPerBoardDay how often a board was switched off, per board and day
     * @param failedTicks control ticks that threw (a cell with any is counted bad, as one with a violation)
     */
    public record Cell(String scenario, String forecast, String sensors, int violations, Map<String, Integer> byKind,
                       double ratio, long trips, Map<String, Long> tripsBy, long shedsIncomplete, double wallS,
                       double switchOffsPerBoardDay, long failedTicks) {
    }

    /** The forecast cases of the grid. */
    public static List<ForecastCase> forecastCases() {
        List<ForecastCase> l = new ArrayList<>();
        l.add(new ForecastCase("none", s -> List.of()));
        for (int days : new int[] {0, 1, 3, 7, 14}) {
            l.add(new ForecastCase("elements " + days + " d", ForecastSource.elementsAged(days)));
        }
        for (int shift : new int[] {-60, -10, 10, 60}) {
            l.add(new ForecastCase(String.format(Locale.ROOT, "ephemeris %+d s", shift),
                    s -> GroundEphemeris.predict(s, s.start(), s.end().plusSeconds(7200), shift)));
        }
        return l;
    }

    /** The sensor cases of the grid. */
    public static List<SensorCase> sensorCases() {
        return List.of(
                new SensorCase("nominal", s -> s),
                new SensorCase("gauge +5 %", s -> gauge(s, 5)),
                new SensorCase("gauge -5 %", s -> gauge(s, -5)),
                new SensorCase("array -3 %", s -> arrayGain(s, -3)));
    }

    static Scenario gauge(Scenario s, double errorPct) {
        Sensors x = s.sensors();
        Gauge g = x.gauge();
        return s.withSensors(x.withGauge(new Gauge(g.drift(), errorPct, g.startErrorPct())));
    }

    static Scenario arrayGain(Scenario s, double gainPct) {
        Sensors x = s.sensors();
        Map<String, Double> gains = new LinkedHashMap<>(x.gainPct());
        gains.put("power.arrayPowerW", gainPct);
        gains.put("power.arrayAvailableW", gainPct);
        return s.withSensors(x.withGainPct(gains));
    }

    /** Flies one cell. */
    public static Cell fly(Scenario physics, OracleResult oracle, ForecastCase forecast, SensorCase sensors) {
        Scenario s = sensors.apply().apply(physics);
        FlightController c = new FlightController(ThrottlerConfig.defaults(), ProtectionConfig.defaults(),
                forecast.source().ephemeris(s), forecast.source().elements(s));
        ThrottlerBenchmark.Row row = ThrottlerBenchmark.grade(s, c, "throttler", oracle);
        Map<String, Long> by = new java.util.TreeMap<>();
        c.trips().forEach(t -> by.merge(t.trigger().name(), 1L, Long::sum));
        long incomplete = c.trips().stream().filter(t -> t.boardsShed() < t.boards()).count();
        return new Cell(s.name(), forecast.name(), sensors.name(), row.violations(), row.violationsByKind(),
                row.ratioToOracle(), c.trips().size(), by, incomplete, row.wallS(), row.switchOffsPerBoardDay(),
                row.failedTicks());
    }

    @Override
    public Integer call() throws Exception {
        List<ForecastCase> forecasts = chosen(forecastCases(), forecastNames, ForecastCase::name, "--forecast");
        List<SensorCase> sensors = chosen(sensorCases(), sensorNames, SensorCase::name, "--sensors");
        if (threads < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--threads must be at least 1");
        }
        List<Scenario> list = new ArrayList<>();
        Scenario onset = Scenario.load(scenarios.scenario("eclipse-season-onset-30d"));
        list.add(quick.on() ? onset.withDuration(3 * 86_400) : onset);
        list.add(Scenario.load(scenarios.scenario("cascading-faults")));
        for (Path p : extra) {
            list.add(Scenario.load(p));
        }
        List<Cell> cells = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (Scenario s : list) {
                OracleResult oracle = Oracle.bound(s);
                System.out.printf(Locale.ROOT, "%s (%.1f days): oracle %.0f work units%n", s.name(),
                        s.durationS() / 86_400, oracle.workUnits());
                List<Future<Cell>> row = new ArrayList<>();
                for (ForecastCase f : forecasts) {
                    for (SensorCase sc : sensors) {
                        row.add(pool.submit(() -> fly(s, oracle, f, sc)));
                    }
                }
                for (Future<Cell> future : row) { // in grid order, whichever finished first
                    Cell cell = future.get();
                    cells.add(cell);
                    System.out.printf(Locale.ROOT, "  %-16s %-12s violations %d%s  ratio %.4f  trips %d %s  "
                                    + "switch-offs %.1f / board-day  failed ticks %d  (%.0f s)%n",
                            cell.forecast(), cell.sensors(), cell.violations(),
                            cell.byKind().isEmpty() ? "" : " " + cell.byKind(), cell.ratio(), cell.trips(),
                            cell.tripsBy(), cell.switchOffsPerBoardDay(), cell.failedTicks(), cell.wallS());
                }
            }
        } finally {
            pool.shutdownNow();
        }
        long bad = cells.stream().filter(c -> c.violations() > 0 || c.failedTicks() > 0).count();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("benchmark", "autonomy");
        json.put("quick", quick.on());
        json.put("threads", threads);
        json.put("targets", Map.of("violationsPerCell", 0));
        json.put("cells", cells);
        json.put("cellsWithViolations", bad);
        String md = markdown(cells);
        outFolder.write("autonomy", json, md);
        System.out.print(md);
        System.out.printf(Locale.ROOT, "%d of %d cells with violations or failed ticks%n", bad, cells.size());
        return bad == 0 ? 0 : 1;
    }

    /** The cases named in {@code names} (all when none is), in grid order; an unknown name is a usage error. */
    private <T> List<T> chosen(List<T> all, List<String> names, java.util.function.Function<T, String> name,
                               String option) {
        if (names.isEmpty()) {
            return all;
        }
        List<String> known = all.stream().map(name).toList();
        for (String n : names) {
            if (!known.contains(n)) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        option + ": no case named '" + n + "'; the cases are " + known);
            }
        }
        return all.stream().filter(c -> names.contains(name.apply(c))).toList();
    }

    /** One table per scenario: forecast cases down, sensor cases across, "violations / ratio" in each cell. */
    public static String markdown(List<Cell> cells) {
        StringBuilder sb = new StringBuilder();
        List<String> sensorNames = sensorCases().stream().map(SensorCase::name).toList();
        for (String scenario : cells.stream().map(Cell::scenario).distinct().toList()) {
            sb.append("\n**").append(scenario).append("** (violations / ratio to the oracle)\n\n| forecast |");
            sensorNames.forEach(n -> sb.append(' ').append(n).append(" |"));
            sb.append("\n|---|").append("---:|".repeat(sensorNames.size())).append('\n');
            for (String forecast : cells.stream().filter(c -> c.scenario().equals(scenario)).map(Cell::forecast).distinct().toList()) {
                sb.append("| ").append(forecast).append(" |");
                for (String sn : sensorNames) {
                    cells.stream().filter(c -> c.scenario().equals(scenario) && c.forecast().equals(forecast)
                            && c.sensors().equals(sn)).findFirst().ifPresentOrElse(
                            c -> sb.append(String.format(Locale.ROOT, " %s%d / %.4f |", c.violations() > 0 ? "**" : "",
                                    c.violations(), c.ratio()).replace(" / ", c.violations() > 0 ? "** / " : " / ")),
                            () -> sb.append(" — |"));
                }
                sb.append('\n');
            }
        }
        return sb.toString();
    }

    public static void main(String[] args) {
        BenchCommand.exit(new AutonomyBenchmark(), args);
    }
}
