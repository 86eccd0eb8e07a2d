package io.sunsync.sim.control;

import io.sunsync.sim.SimSatellite;
import io.sunsync.sim.scenario.Scenario;
import io.sunsync.sim.truth.Truth;
import java.time.Instant;

/**
 * Runs a scenario from start to end with a {@link SimController} in lockstep: control tick,
 * then the model steps to the next tick. Stateless; each call builds its own model.
 */
public final class ScenarioRunner {
    private ScenarioRunner() {
    }

    /**
     * The outcome of a run.
     *
     * @param controller the controller's name
     * @param truth      the truth record at the end
     * @param wallS      wall-clock time the run took, in s
     */
    public record RunResult(String controller, Truth truth, double wallS) {
        /** Simulated seconds per wall-clock second. */
        public double speedup() {
            return truth.elapsedS() / Math.max(1e-9, wallS);
        }
    }

    /** Runs {@code scenario} with {@code controller}, recording as {@code recording} says. */
    public static RunResult run(Scenario scenario, SimController controller, SimSatellite.Recording recording) {
        long t0 = System.nanoTime();
        try (SimSatellite sat = new SimSatellite(scenario, recording)) {
            Instant end = scenario.end();
            long periodNanos = Math.max(1, Math.round(controller.periodS() * 1e9));
            Instant t = scenario.start();
            while (t.isBefore(end)) {
                controller.control(t, sat.power(), sat.thermal(), sat.boards());
                Instant next = t.plusNanos(periodNanos);
                t = next.isAfter(end) ? end : next;
                sat.advanceTo(t);
            }
            Truth truth = sat.truth();
            return new RunResult(controller.name(), truth, (System.nanoTime() - t0) / 1e9);
        }
    }
}
