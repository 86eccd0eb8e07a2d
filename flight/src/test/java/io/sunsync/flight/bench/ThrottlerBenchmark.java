package io.sunsync.flight.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.sunsync.flight.throttle.ThrottlerConfig;
import io.sunsync.sim.SimSatellite;
import io.sunsync.sim.control.ScenarioRunner;
import io.sunsync.sim.control.FixedFleetController;
import io.sunsync.sim.control.SimController;
import io.sunsync.sim.oracle.Oracle;
import io.sunsync.sim.oracle.OracleResult;
import io.sunsync.sim.scenario.Scenario;
import io.sunsync.sim.truth.Truth;
import io.sunsync.sim.truth.ViolationKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code ./sunsync bench throttler [--scenarios a,b]}: runs sim-harness scenarios with (a) the
 * flight throttler, (b) the static baseline and (c) the oracle's bound, and writes a JSON and a
 * Markdown table to {@code bench/out/throttler.{json,md}}: work done, ratio to the oracle, energy
 * curtailed, minimum state of charge, maximum temperatures, limit violations, mode changes.
 */
public final class ThrottlerBenchmark {

    /** One controller on one scenario. */
    public record Row(String scenario, String controller, double workUnits, double ratioToOracle,
                      double curtailedKWh, double minSocPct, double maxBoardTempC, double maxLoopC,
                      int violations, Map<String, Integer> violationsByKind, long modeChanges, double wallS) {
    }

    /** Runs one scenario with one controller and grades it against {@code oracle}. */
    public static Row grade(Scenario scenario, SimController controller, OracleResult oracle) {
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
        return new Row(scenario.name(), controller.name(), t.workUnits(), oracle.ratio(t.workUnits()),
                t.energy().curtailedWh() / 1000, t.minSocPct(), t.maxBoardTempC(), t.maxLoopC(), total, byKind,
                modeChanges, r.wallS());
    }

    public static void main(String[] args) throws Exception {
        Path scenarios = Path.of(System.getProperty("sunsync.scenarios", "sim-harness/scenarios"));
        List<String> names = List.of("eclipse-season-day", "degraded-array", "cascading-faults", "nominal-day",
                "eclipse-season-30d");
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals("--scenarios")) {
                names = List.of(args[i + 1].split(","));
            }
        }
        List<Row> rows = new ArrayList<>();
        List<Map<String, Object>> oracles = new ArrayList<>();
        for (String name : names) {
            Scenario s = Scenario.load(scenarios.resolve(name + ".yaml"));
            OracleResult oracle = Oracle.bound(s);
            oracles.add(Map.of("scenario", s.name(), "workUnits", oracle.workUnits(), "method", oracle.method(),
                    "solveS", oracle.solveS()));
            System.out.printf(Locale.ROOT, "%s: oracle %.0f work units (%.1f s)%n", s.name(), oracle.workUnits(),
                    oracle.solveS());
            List<io.sunsync.flight.throttle.EclipseWindow> ephemeris = GroundEphemeris.predict(s, s.start(),
                    s.end().plusSeconds(7200));
            for (SimController c : List.of(new FlightController(ThrottlerConfig.defaults(), ephemeris),
                    FixedFleetController.sizedFor(s))) {
                Row row = grade(s, c, oracle);
                rows.add(row);
                System.out.printf(Locale.ROOT, "  %-22s ratio %.4f  work %.0f  violations %d  min SoC %.1f %%  (%.1f s)%n",
                        row.controller(), row.ratioToOracle(), row.workUnits(), row.violations(), row.minSocPct(),
                        row.wallS());
            }
        }
        Path out = Path.of("bench/out");
        Files.createDirectories(out);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("benchmark", "throttler");
        json.put("targets", Map.of("ratioToOracle30d", 0.95, "violations", 0));
        json.put("oracle", oracles);
        json.put("rows", rows);
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.resolve("throttler.json").toFile(), json);
        Files.writeString(out.resolve("throttler.md"), markdown(rows));
        System.out.print(markdown(rows));
    }

    /** The table, one row per scenario and controller. */
    public static String markdown(List<Row> rows) {
        StringBuilder sb = new StringBuilder();
        sb.append("| scenario | controller | work (units) | ratio to oracle | curtailed (kWh) | min SoC (%) | max board (°C) | max loop (°C) | violations | mode changes |\n");
        sb.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Row r : rows) {
            sb.append(String.format(Locale.ROOT, "| %s | %s | %.0f | %.4f | %.1f | %.1f | %.1f | %.1f | %d%s | %d |%n",
                    r.scenario(), r.controller(), r.workUnits(), r.ratioToOracle(), r.curtailedKWh(), r.minSocPct(),
                    r.maxBoardTempC(), r.maxLoopC(), r.violations(),
                    r.violationsByKind().isEmpty() ? "" : " " + r.violationsByKind(), r.modeChanges()));
        }
        return sb.toString();
    }
}
