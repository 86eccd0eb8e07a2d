package io.sunsync.bench.throttle;

import io.sunsync.bench.cli.BenchCommand;
import io.sunsync.bench.cli.OutFolder;
import io.sunsync.bench.cli.ScenarioDir;
import io.sunsync.bench.closedloop.FlightController;
import io.sunsync.bench.closedloop.GroundEphemeris;
import io.sunsync.flight.throttle.EclipseWindow;
import io.sunsync.flight.throttle.ThrottlerConfig;
import io.sunsync.sim.SimSatellite;
import io.sunsync.sim.control.FixedFleetController;
import io.sunsync.sim.control.GreedyController;
import io.sunsync.sim.control.ScenarioRunner;
import io.sunsync.sim.control.SimController;
import io.sunsync.sim.control.TwoLevelController;
import io.sunsync.sim.economy.EnergyBalance;
import io.sunsync.sim.economy.MassBudget;
import io.sunsync.sim.economy.WattsAndTonnes;
import io.sunsync.sim.oracle.Oracle;
import io.sunsync.sim.oracle.OracleResult;
import io.sunsync.sim.orbit.EclipseEphemeris;
import io.sunsync.sim.scenario.Scenario;
import io.sunsync.sim.truth.Truth;
import io.sunsync.sim.truth.ViolationKind;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ./sunsync bench throttler [--scenarios a,b]}: grades the flight throttler on sim-harness
 * scenarios against the oracle's bound and against the peers a competent operator would fly
 * instead, all on the same physics in the same run:
 * <ul>
 *   <li>{@code static}: the fleet sized once for the worst eclipse of the year ({@link FixedFleetController});</li>
 *   <li>{@code two-level}: a sun/eclipse schedule from the same ephemeris the throttler gets, its two
 *       levels tuned by a sweep on the scenario itself ({@link TwoLevelController.Sweep}: the most a
 *       tuning could hope for);</li>
 *   <li>{@code greedy}: the sim's reactive rule-based controller ({@link GreedyController}).</li>
 * </ul>
 * For each scenario it reports every controller's ratio to the oracle and violations, the best
 * peer with no violation, and the throttler's ratio to it; and in watts and tonnes, for every
 * controller, its energy balance and its work per kWh collected, per kWh the boards drew, per kg of
 * satellite and per $ of launch (the scenario's mass and cost model, {@link MassBudget}), and what
 * the throttler's lead over the best clean peer is worth in launch mass and dollars. Writes
 * {@code bench/out/throttler.{json,md}}.
 */
@Command(name = "throttler", mixinStandardHelpOptions = true, sortOptions = false,
        description = "The throttler vs the oracle and the static, two-level and greedy peers.")
public final class ThrottlerBenchmark implements Callable<Integer> {
    /** The throttler's controller name in the rows. */
    public static final String THROTTLER = "sunsync-throttler";
    /** Lead and tail of the two-level schedule around each predicted eclipse, in s (an operator's margin). */
    static final double TWO_LEVEL_MARGIN_S = 30;

    @Option(names = "--scenarios", split = ",", description = "scenario names in sim-harness/scenarios (default: all reference scenarios)")
    List<String> names = List.of("eclipse-season-day", "degraded-array", "cascading-faults", "nominal-day",
            "eclipse-season-30d");

    @Mixin
    ScenarioDir scenarios;

    @Mixin
    OutFolder outFolder;

    @Option(names = "--scenario-file", description = "a scenario file to grade instead of the named ones (repeatable)")
    List<Path> files = new ArrayList<>();

    @Option(names = "--seed", description = "override the scenarios' seed")
    Long seed;

    @Option(names = "--boards", description = "override the scenarios' board count")
    Integer boards;

    @Option(names = "--duration-s", description = "override the scenarios' duration, in s")
    Double durationS;

    @Option(names = "--control-period-s", description = "the throttler's control period, in s (default: flight's default)")
    Double controlPeriodS;

    /**
     * One controller on one scenario.
     *
     * @param energy  where the energy the arrays collected went
     * @param economy its work in watts and tonnes (per kWh collected and drawn, per kg, per $ of launch)
     */
    public record Row(String scenario, String controller, String role, double workUnits, double ratioToOracle,
                      double curtailedKWh, double minSocPct, double maxBoardTempC, double maxLoopC,
                      int violations, Map<String, Integer> violationsByKind, long modeChanges, double wallS,
                      EnergyBalance energy, WattsAndTonnes economy, double switchOffsPerBoardDay, long failedTicks) {
    }

    /**
     * The verdict on one scenario.
     *
     * @param scenario         its name
     * @param oracleWork       the oracle's bound, in work units
     * @param throttlerRatio   the throttler's ratio to the oracle
     * @param throttlerViolations its violations
     * @param bestPeer         the peer with no violation that did the most work (null if none ran clean)
     * @param bestPeerRatio    its ratio to the oracle
     * @param ratioToBestPeer  the throttler's work over the best clean peer's
     * @param bestAnyPeer      the peer that did the most work, violations or not
     * @param bestAnyPeerViolations its violations
     * @param ratioToBestAnyPeer the throttler's work over its
     * @param sweepRuns        runs the two-level sweep took
     * @param satelliteKg      the satellite's mass (its scenario's mass model)
     * @param peerExtraKg      the launch mass the best clean peer would need, per satellite, to do the throttler's
     *                         work: satelliteKg × (ratioToBestPeer − 1) (NaN when no peer ran clean)
     * @param peerExtraUsdLow  that mass at the low end of the launch price range, US$
     * @param peerExtraUsdHigh at the high end, US$
     */
    public record Verdict(String scenario, double oracleWork, double throttlerRatio, int throttlerViolations,
                          String bestPeer, double bestPeerRatio, double ratioToBestPeer, String bestAnyPeer,
                          int bestAnyPeerViolations, double ratioToBestAnyPeer, int sweepRuns, double satelliteKg,
                          double peerExtraKg, double peerExtraUsdLow, double peerExtraUsdHigh) {
    }

    /** Runs one scenario with one controller and grades it against {@code oracle}. */
    public static Row grade(Scenario scenario, SimController controller, String role, OracleResult oracle) {
        ScenarioRunner.RunResult r = ScenarioRunner.run(scenario, controller, new SimSatellite.Recording(0, 0, null));
        Truth t = r.truth();
        Map<String, Integer> byKind = new LinkedHashMap<>();
        int total = 0;
        for (Map.Entry<ViolationKind, Integer> e : t.violationCounts().entrySet()) {
            if (e.getValue() > 0) {
                byKind.put(e.getKey().name(), e.getValue());
                total += e.getValue();
            }
        }
        long modeChanges = controller instanceof FlightController fc && fc.chain() != null
                ? fc.chain().modes().transitions() : 0;
        EnergyBalance balance = EnergyBalance.of(t.energy(), scenario.bus().housekeepingW(), t.elapsedS());
        WattsAndTonnes economy = WattsAndTonnes.of(t.workUnits(), t.elapsedS(), balance, MassBudget.of(scenario),
                scenario.economy().boardLifeYears());
        return new Row(scenario.name(), controller.name(), role, t.workUnits(), oracle.ratio(t.workUnits()),
                t.energy().curtailedWh() / 1000, t.minSocPct(), t.maxBoardTempC(), t.maxLoopC(), total, byKind,
                modeChanges, r.wallS(), balance, economy, switchOffsPerBoardDay(t, scenario.boards().count()),
                failedTicks(controller));
    }

    /**
     * Control ticks of flight's chain that threw (0 for the peers): the run goes on without them, so a
     * crash would otherwise show only as lost work. The first is printed.
     */
    private static long failedTicks(SimController controller) {
        if (!(controller instanceof FlightController fc) || fc.failures().isEmpty()) {
            return 0;
        }
        System.err.println("  !! " + fc.failures().size() + " failed control ticks; the first: " + fc.failures().get(0));
        return fc.failures().size();
    }

    /** How often a board was switched off (its job suspended, the board cycled idle to load), per board and day. */
    static double switchOffsPerBoardDay(Truth t, int boards) {
        return boards == 0 || !(t.elapsedS() > 0) ? 0 : t.counts().boardSwitchOffs() / (boards * t.elapsedS() / 86_400.0);
    }

    /** The throttler and its peers on {@code s}, with the ground's ephemeris {@code windows}. */
    public static List<Row> gradeAll(Scenario s, OracleResult oracle, List<EclipseEphemeris.Window> windows,
                                     int[] sweepRuns) {
        return gradeAll(s, oracle, windows, ThrottlerConfig.defaults(), sweepRuns);
    }

    /** The same with the throttler configured by {@code config}. */
    public static List<Row> gradeAll(Scenario s, OracleResult oracle, List<EclipseEphemeris.Window> windows,
                                     ThrottlerConfig config, int[] sweepRuns) {
        // The throttler gets what the ground's flight dynamics uplinks for the same passes: penumbra and
        // umbra times, or a grazing pass's least light; the open-loop peers switch at the penumbra,
        // the only moment a schedule that cannot follow the array may change level.
        List<EclipseWindow> ephemeris = windows.isEmpty() ? List.of()
                : GroundEphemeris.predict(s, windows.get(0).start().minusSeconds(1),
                        windows.get(windows.size() - 1).end()).stream()
                        .filter(w -> windows.stream().anyMatch(x -> x.start().equals(w.start()))).toList();
        List<Row> rows = new ArrayList<>();
        rows.add(grade(s, new FlightController(config, ephemeris), "throttler", oracle));
        rows.add(grade(s, FixedFleetController.sizedFor(s), "static", oracle));
        TwoLevelController.Sweep sweep = TwoLevelController.Sweep.tune(s, windows, TWO_LEVEL_MARGIN_S, TWO_LEVEL_MARGIN_S);
        sweepRuns[0] = sweep.runs();
        rows.add(grade(s, sweep.best(), "two-level", oracle));
        rows.add(grade(s, new GreedyController(), "greedy", oracle));
        return rows;
    }

    /** The verdict from one scenario's rows (the throttler's first), the satellite weighed by {@code mass}. */
    public static Verdict verdict(String scenario, double oracleWork, List<Row> rows, int sweepRuns, MassBudget mass) {
        Row th = rows.stream().filter(r -> r.role().equals("throttler")).findFirst().orElseThrow();
        Row best = null;
        Row any = null;
        for (Row r : rows) {
            if (r.role().equals("throttler")) {
                continue;
            }
            if (r.violations() == 0 && (best == null || r.workUnits() > best.workUnits())) {
                best = r;
            }
            if (any == null || r.workUnits() > any.workUnits()) {
                any = r;
            }
        }
        double toBest = best == null ? Double.NaN : th.workUnits() / best.workUnits();
        double extraKg = mass.totalKg() * (toBest - 1);
        return new Verdict(scenario, oracleWork, th.ratioToOracle(), th.violations(),
                best == null ? null : best.controller(), best == null ? Double.NaN : best.ratioToOracle(), toBest,
                any.controller(), any.violations(), th.workUnits() / any.workUnits(), sweepRuns, mass.totalKg(), extraKg,
                extraKg * mass.launchLowUsd() / mass.totalKg(), extraKg * mass.launchHighUsd() / mass.totalKg());
    }

    @Override
    public Integer call() throws Exception {
        List<Row> rows = new ArrayList<>();
        List<Verdict> verdicts = new ArrayList<>();
        List<Map<String, Object>> oracles = new ArrayList<>();
        List<Map<String, Object>> satellites = new ArrayList<>();
        List<Path> paths = new ArrayList<>(files);
        if (paths.isEmpty()) {
            names.forEach(n -> paths.add(scenarios.scenario(n)));
        }
        ThrottlerConfig config = controlPeriodS == null ? ThrottlerConfig.defaults() : ThrottlerConfig.withControlPeriodS(controlPeriodS);
        for (Path path : paths) {
            Scenario s = Scenario.load(path).with(null, seed, boards, null);
            if (durationS != null) {
                s = s.withDuration(durationS);
            }
            OracleResult oracle = Oracle.bound(s);
            oracles.add(Map.of("scenario", s.name(), "workUnits", oracle.workUnits(), "method", oracle.method(),
                    "solveS", oracle.solveS()));
            System.out.printf(Locale.ROOT, "%s: oracle %.0f work units (%.1f s)%n", s.name(), oracle.workUnits(),
                    oracle.solveS());
            List<EclipseEphemeris.Window> windows = GroundEphemeris.windows(s, s.start(), s.end().plusSeconds(7200));
            int[] sweepRuns = new int[1];
            List<Row> scenarioRows = gradeAll(s, oracle, windows, config, sweepRuns);
            for (Row row : scenarioRows) {
                System.out.printf(Locale.ROOT, "  %-34s ratio %.4f  work %.0f  violations %d  min SoC %.1f %%  "
                                + "switch-offs %.1f / board-day  failed ticks %d  (%.1f s)%n",
                        row.controller(), row.ratioToOracle(), row.workUnits(), row.violations(), row.minSocPct(),
                        row.switchOffsPerBoardDay(), row.failedTicks(), row.wallS());
            }
            MassBudget mass = MassBudget.of(s);
            satellites.add(Map.of("scenario", s.name(), "mass", mass));
            Verdict v = verdict(s.name(), oracle.workUnits(), scenarioRows, sweepRuns[0], mass);
            System.out.printf(Locale.ROOT, "  -> throttler / best clean peer (%s): %.3f x; / most work of any peer (%s, %d violations): %.3f x%n",
                    v.bestPeer(), v.ratioToBestPeer(), v.bestAnyPeer(), v.bestAnyPeerViolations(), v.ratioToBestAnyPeer());
            if (v.bestPeer() != null) {
                System.out.printf(Locale.ROOT, "  -> the best clean peer needs %+.0f kg of launch per %.0f kg satellite for the "
                        + "throttler's work (%s to %s)%n", v.peerExtraKg(), v.satelliteKg(), usd(v.peerExtraUsdLow()),
                        usd(v.peerExtraUsdHigh()));
            }
            rows.addAll(scenarioRows);
            verdicts.add(v);
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("benchmark", "throttler");
        json.put("targets", Map.of("ratioToOracle30d", 0.97, "violations", 0, "ratioToBestPeer", 1.0,
                "ratioToBestPeerCascadingFaults", 1.15));
        json.put("oracle", oracles);
        json.put("satellites", satellites);
        json.put("verdicts", verdicts);
        json.put("rows", rows);
        String md = markdown(rows) + "\n" + verdictTable(verdicts) + "\n" + economyTable(rows);
        outFolder.write("throttler", json, md);
        System.out.print(md);
        return 0;
    }

    public static void main(String[] args) {
        BenchCommand.exit(new ThrottlerBenchmark(), args);
    }

    /** The table, one row per scenario and controller. */
    public static String markdown(List<Row> rows) {
        StringBuilder sb = new StringBuilder();
        sb.append("| scenario | controller | work (units) | ratio to oracle | curtailed (kWh) | min SoC (%) | max board (°C) | max loop (°C) | violations | mode changes | switch-offs / board-day | failed ticks |\n");
        sb.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Row r : rows) {
            sb.append(String.format(Locale.ROOT, "| %s | %s | %.0f | %.4f | %.1f | %.1f | %.1f | %.1f | %d%s | %d | %.1f | %d |%n",
                    r.scenario(), r.controller(), r.workUnits(), r.ratioToOracle(), r.curtailedKWh(), r.minSocPct(),
                    r.maxBoardTempC(), r.maxLoopC(), r.violations(),
                    r.violationsByKind().isEmpty() ? "" : " " + r.violationsByKind(), r.modeChanges(),
                    r.switchOffsPerBoardDay(), r.failedTicks()));
        }
        return sb.toString();
    }

    /** Every controller in watts and tonnes: its energy balance and its work per kWh, per kg and per $ of launch. */
    public static String economyTable(List<Row> rows) {
        StringBuilder sb = new StringBuilder();
        sb.append("| scenario | controller | collected (kWh) | to compute | to housekeeping | to heaters, pumps | stored "
                + "| battery losses | curtailed | work / kWh collected | work / kWh boards | work / kg-day | work / $ of launch "
                + "(high..low price) |\n|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Row r : rows) {
            EnergyBalance e = r.energy();
            WattsAndTonnes w = r.economy();
            sb.append(String.format(Locale.ROOT, "| %s | %s | %.1f | %.1f | %.1f | %.1f | %.1f | %.1f | %.1f | %.0f | %.0f "
                            + "| %.1f | %.3f..%.2f |%n", r.scenario(), r.controller(), e.collectedKWh(), e.computeKWh(),
                    e.housekeepingKWh(), e.heatersPumpsKWh(), e.storedKWh(), e.batteryLossKWh(), e.curtailedKWh(),
                    w.workPerKWhCollected(), w.workPerKWhBoards(), w.workPerKgPerDay(), w.workPerUsdAtHighPrice(),
                    w.workPerUsdAtLowPrice()));
        }
        return sb.toString();
    }

    /** Dollars with the sign before the symbol: $12,833, -$11,745. */
    private static String usd(double v) {
        return (v < 0 ? "-$" : "$") + String.format(Locale.ROOT, "%,.0f", Math.abs(v));
    }

    /** One line per scenario: the throttler against its best clean peer. */
    public static String verdictTable(List<Verdict> verdicts) {
        StringBuilder sb = new StringBuilder();
        sb.append("| scenario | throttler / oracle | throttler violations | best peer with 0 violations | its ratio to oracle | throttler / best clean peer | most work of any peer (violations) | throttler / it | the best clean peer's extra launch mass for the throttler's work |\n");
        sb.append("|---|---:|---:|---|---:|---:|---|---:|---|\n");
        for (Verdict v : verdicts) {
            sb.append(String.format(Locale.ROOT, "| %s | %.4f | %d | %s | %s | %s | %s (%d) | %.3f x | %s |%n", v.scenario(),
                    v.throttlerRatio(), v.throttlerViolations(), v.bestPeer() == null ? "none ran clean" : v.bestPeer(),
                    v.bestPeer() == null ? "—" : String.format(Locale.ROOT, "%.4f", v.bestPeerRatio()),
                    v.bestPeer() == null ? "—" : String.format(Locale.ROOT, "%.3f x", v.ratioToBestPeer()),
                    v.bestAnyPeer(), v.bestAnyPeerViolations(), v.ratioToBestAnyPeer(),
                    v.bestPeer() == null ? "—" : String.format(Locale.ROOT, "%+.0f kg per %.0f kg satellite (%s..%s)",
                            v.peerExtraKg(), v.satelliteKg(), usd(v.peerExtraUsdLow()), usd(v.peerExtraUsdHigh()))));
        }
        return sb.toString();
    }
}
