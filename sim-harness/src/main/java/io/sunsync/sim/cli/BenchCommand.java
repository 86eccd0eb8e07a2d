package io.sunsync.sim.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sunsync.sim.SimSatellite;
import io.sunsync.sim.control.ScenarioRunner;
import io.sunsync.sim.scenario.Scenario;
import io.sunsync.sim.truth.TruthLog;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code sunsync sim bench}: how fast the model runs, in simulated seconds per wall second,
 * on the 30-day scenario at a 1 s step with 96 boards and the greedy controller ticking every
 * 10 s. Warms the JIT on one simulated day first; writes the figures as JSON, with the CPU
 * time of the simulating thread and the load average beside the wall time (on a shared
 * machine the wall-clock figure drops with the load; the CPU figure much less).
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measures simulated seconds per wall second on the 30-day scenario; writes JSON.")
public final class BenchCommand implements Callable<Integer> {

    @Option(names = "--scenario", defaultValue = "${env:SUNSYNC_HOME:-.}/sim-harness/scenarios/eclipse-season-30d.yaml",
            description = "Scenario file (default ${DEFAULT-VALUE}).")
    Path scenarioFile;

    @Option(names = "--step-s", defaultValue = "1", description = "Physics step, in s (default ${DEFAULT-VALUE}).")
    double stepS;

    @Option(names = "--boards", defaultValue = "96", description = "Boards (default ${DEFAULT-VALUE}).")
    int boards;

    @Mixin
    ControllerOption controller;

    @Option(names = "--out", defaultValue = "${env:SUNSYNC_HOME:-.}/bench/out/sim-speed.json", description = "JSON output (default ${DEFAULT-VALUE}).")
    Path out;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Scenario sc = Scenario.load(scenarioFile).withStep(stepS).with(null, null, boards, null);
        PrintWriter say = spec.commandLine().getOut();
        say.printf(Locale.ROOT, "sunsync sim bench: %s, %.0f days at a %.1f s step, %d boards, controller %s%n",
                sc.name(), sc.durationS() / 86_400, sc.stepS(), boards, controller.name());
        say.flush();
        ScenarioRunner.run(sc.withDuration(Math.min(86_400, sc.durationS())), controller.create(sc),
                new SimSatellite.Recording(0, 0, null)); // JIT warm-up, not counted
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long cpu0 = threads.getCurrentThreadCpuTime();
        ScenarioRunner.RunResult r = ScenarioRunner.run(sc, controller.create(sc),
                new SimSatellite.Recording(0, 0, null));
        double cpuS = (threads.getCurrentThreadCpuTime() - cpu0) / 1e9;
        double steps = sc.durationS() / sc.stepS();
        ObjectNode n = TruthLog.mapper().createObjectNode();
        n.put("benchmark", "sim-speed");
        n.put("scenario", sc.name());
        n.put("simulatedS", r.truth().elapsedS());
        n.put("wallS", r.wallS());
        n.put("simulatedSecondsPerWallSecond", r.speedup());
        n.put("stepS", sc.stepS());
        n.put("steps", steps);
        n.put("nsPerStep", r.wallS() * 1e9 / steps);
        n.put("cpuS", cpuS);
        n.put("simulatedSecondsPerCpuSecond", r.truth().elapsedS() / cpuS);
        n.put("loadAverage", java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        n.put("boards", boards);
        n.put("controller", r.controller());
        n.put("workUnits", r.truth().workUnits());
        n.put("target", 100_000);
        n.put("meetsTarget", r.speedup() >= 100_000);
        n.put("java", System.getProperty("java.version"));
        n.put("cores", Runtime.getRuntime().availableProcessors());
        if (out.getParent() != null) {
            Files.createDirectories(out.getParent());
        }
        Files.writeString(out, TruthLog.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(n) + "\n");
        say.printf(Locale.ROOT, "  %.0f simulated s in %.2f s of wall time: %.0f simulated s per wall s (%.0f ns per step)%n",
                r.truth().elapsedS(), r.wallS(), r.speedup(), r.wallS() * 1e9 / steps);
        say.printf(Locale.ROOT, "  %.2f s of CPU time on the simulating thread: %.0f simulated s per CPU s (load average %.1f"
                + " on %d cores while it ran)%n", cpuS, r.truth().elapsedS() / cpuS,
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                Runtime.getRuntime().availableProcessors());
        say.printf(Locale.ROOT, "  target 100000x: %s; written to %s%n", r.speedup() >= 100_000 ? "met" : "NOT met", out);
        return 0;
    }
}
