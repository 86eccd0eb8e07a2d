package io.sunsync.sim.control;

import io.sunsync.sim.SimSatellite;
import io.sunsync.sim.scenario.Scenario;
import io.sunsync.sim.truth.Truth;
import java.time.Instant;

/**
 * Runs a scenario from start to end with a {@link SimController} in lockstep: control tick,
 * then the model steps to the next tick. A controller with a fast path
 * ({@link SimController#fastPeriodS()}) has it called at that period, and the model stepped at it,
 * wherever the power balance can move abruptly - within {@link #DENSE_MARGIN_S} of a shadow
 * transition or a fault - and once per control period elsewhere (the fast path then sees what it
 * would see at 20 Hz in a steady state, and whole missions need not be stepped at 20 Hz).
 * Stateless; each call builds its own model.
 */
public final class ScenarioRunner {
    /** How far before and after a shadow transition or a fault the fast path runs at its own period, in s. */
    public static final double DENSE_MARGIN_S = 30;

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
            double fastS = controller.fastPeriodS();
            long fastNanos = Double.isFinite(fastS) && fastS > 0 ? Math.max(1, Math.round(fastS * 1e9)) : 0;
            long marginNanos = Math.round(DENSE_MARGIN_S * 1e9);
            Instant t = scenario.start();
            while (t.isBefore(end)) {
                Instant next = t.plusNanos(periodNanos);
                next = next.isAfter(end) ? end : next;
                if (fastNanos > 0) {
                    controller.fastControl(t, sat.power(), sat.boards());
                }
                controller.control(t, sat.power(), sat.thermal(), sat.boards());
                if (fastNanos > 0 && !sat.powerQuietBetween(t.minusNanos(marginNanos), next.plusNanos(marginNanos))) {
                    Instant f = t.plusNanos(fastNanos);
                    while (f.isBefore(next)) {
                        sat.advanceTo(f);
                        controller.fastControl(f, sat.power(), sat.boards());
                        f = f.plusNanos(fastNanos);
                    }
                }
                t = next;
                sat.advanceTo(t);
            }
            Truth truth = sat.truth();
            return new RunResult(controller.name(), truth, (System.nanoTime() - t0) / 1e9);
        }
    }
}
