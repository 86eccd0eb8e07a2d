package io.sunsync.sim.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sunsync.sim.control.ScenarioRunner;
import io.sunsync.sim.control.SimController;
import io.sunsync.sim.oracle.Oracle;
import io.sunsync.sim.oracle.OracleResult;
import io.sunsync.sim.power.EnergyTotals;
import io.sunsync.sim.scenario.Scenario;
import io.sunsync.sim.truth.Truth;
import io.sunsync.sim.truth.TruthLog;
import io.sunsync.sim.truth.Violation;
import io.sunsync.sim.truth.ViolationKind;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code sunsync sim run}: runs a scenario with a built-in controller and prints the energy
 * balance, the limit violations, the work done and its ratio to the oracle's bound.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Runs a scenario with a built-in controller; prints the energy balance, violations and the ratio"
                + " to the oracle.")
public final class RunCommand implements Callable<Integer> {

    @Mixin
    ScenarioOption scenarioOption;

    @Mixin
    ControllerOption controller;

    @Option(names = "--duration-s", description = "Run length, in s (default: the scenario's).")
    Double durationS;

    @Mixin
    TruthLogOption truthLog;

    @Option(names = "--no-oracle", description = "Skip the oracle's bound.")
    boolean noOracle;

    @Mixin
    JsonSwitch json;

    @Override
    public Integer call() throws Exception {
        Scenario scenario = scenarioOption.load();
        if (durationS != null) {
            scenario = scenario.withDuration(durationS);
        }
        SimController c = controller.create(scenario);
        ScenarioRunner.RunResult run = ScenarioRunner.run(scenario, c, truthLog.recording());
        OracleResult oracle = noOracle ? null : Oracle.bound(scenario);
        PrintWriter out = json.out();
        Truth t = run.truth();
        if (json.on()) {
            ObjectNode n = TruthLog.mapper().createObjectNode();
            n.put("scenario", scenario.name());
            n.put("controller", c.name());
            n.put("wallS", run.wallS());
            n.put("simulatedS", t.elapsedS());
            n.set("truth", TruthLog.mapper().valueToTree(t));
            ((ObjectNode) n.get("truth")).remove("samples");
            if (oracle != null) {
                n.set("oracle", TruthLog.mapper().valueToTree(oracle));
                n.put("ratioToOracle", oracle.ratio(t.workUnits()));
            }
            json.print(n);
        } else {
            print(out, scenario, c, run, oracle);
        }
        out.flush();
        return 0;
    }

    private static void print(PrintWriter out, Scenario sc, SimController c, ScenarioRunner.RunResult run,
                              OracleResult oracle) {
        Truth t = run.truth();
        EnergyTotals e = t.energy();
        out.printf(Locale.ROOT, "Scenario %s (%s .. %s, %.0f s at a %.1f s step, %d boards, seed %d), controller %s%n",
                sc.name(), sc.start(), t.now(), t.elapsedS(), sc.stepS(), sc.boards().count(), sc.seed(), c.name());
        out.printf(Locale.ROOT, "  simulated in %.2f s of wall time (%.0fx real time)%n%n", run.wallS(), run.speedup());
        out.printf("Energy balance (kWh)%n");
        row(out, "array available", e.arrayAvailableWh());
        row(out, "  delivered to the bus", e.arrayDeliveredWh());
        row(out, "  curtailed", e.curtailedWh());
        row(out, "loads carried", e.loadWh());
        row(out, "  boards", e.boardsWh());
        row(out, "  housekeeping, pumps, heaters", e.essentialWh());
        row(out, "  unserved (bus collapse)", e.unservedWh());
        row(out, "battery charged (bus side)", e.batteryChargeWh());
        row(out, "battery discharged (bus side)", e.batteryDischargeWh());
        row(out, "battery losses", e.batteryLossWh());
        row(out, "lost with failed cells", e.cellLossWh());
        row(out, "battery start -> end", e.batteryStartWh());
        out.printf(Locale.ROOT, "  %-34s %12.3f%n", "", e.batteryEndWh() / 1000);
        out.printf(Locale.ROOT, "  %-34s %12.6f  (%.1e of the input)%n", "balance error",
                e.balanceErrorWh() / 1000, Math.abs(e.balanceErrorWh()) / Math.max(1, e.arrayAvailableWh()));
        out.printf(Locale.ROOT, "%nState%n  eclipse %.1f h, min state of charge %.1f %% (floor %.0f %%), hottest board %.1f °C,"
                + " loops %.1f .. %.1f °C%n", t.eclipseS() / 3600, t.minSocPct(), sc.battery().floorPct(),
                t.maxBoardTempC(), t.minLoopC(), t.maxLoopC());
        Truth.Counts k = t.counts();
        out.printf("  upsets %d (hangs %d, memory errors %d), resets %d, thermal shutdowns %d, brown-outs %d, faults injected %d%n",
                k.upsets(), k.hangs(), k.eccErrors(), k.resets(), k.thermalShutdowns(), k.brownOuts(), k.faultsInjected());
        out.printf("%nLimit violations%n");
        if (!t.violated()) {
            out.printf("  none%n");
        } else {
            for (Map.Entry<ViolationKind, Integer> en : new java.util.TreeMap<>(t.violationCounts()).entrySet()) {
                out.printf(Locale.ROOT, "  %-24s %5d episodes, %9.0f s%n", en.getKey(), en.getValue(),
                        t.violationSeconds().getOrDefault(en.getKey(), 0.0));
            }
            int shown = 0;
            for (Violation v : t.violations()) {
                if (shown++ == 8) {
                    out.printf("  ... (%d episodes in all)%n", t.violations().size());
                    break;
                }
                out.printf(Locale.ROOT, "    %s %s %s for %.0f s, worst %.2f (limit %.2f)%n", v.start(), v.kind(), v.device(),
                        v.durationS(), v.worst(), v.limit());
            }
        }
        out.printf(Locale.ROOT, "%nWork%n  done                %,.0f work units (board-seconds at full cap)%n", t.workUnits());
        if (oracle != null) {
            out.printf(Locale.ROOT, "  oracle bound        %,.0f work units (%s; %.2f s)%n", oracle.workUnits(),
                    oracle.method(), oracle.solveS());
            out.printf(Locale.ROOT, "  ratio to oracle     %.4f%n", oracle.ratio(t.workUnits()));
        }
    }

    private static void row(PrintWriter out, String name, double wh) {
        out.printf(Locale.ROOT, "  %-34s %12.3f%n", name, wh / 1000);
    }
}
