package io.sunsync.ground.mission;

import io.sunsync.sim.SimSatellite;
import io.sunsync.sim.control.FixedFleetController;
import io.sunsync.sim.control.ScenarioRunner;
import java.util.concurrent.CompletableFuture;

/**
 * The static baseline on the same scenario, in process: the fleet an operator without a
 * throttler would set once with {@code nvidia-smi -pl} ({@link FixedFleetController#sizedFor}),
 * run through the same physics by {@link ScenarioRunner}, sampled like the truth log so the
 * report can draw both. Runs on a background thread while the mission flies.
 */
public final class BaselineRun {
    private BaselineRun() {
    }

    /** Starts the baseline run of {@code plan}'s scenario; the future completes with its result. */
    public static CompletableFuture<ScenarioRunner.RunResult> start(MissionPlan plan) {
        CompletableFuture<ScenarioRunner.RunResult> f = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                f.complete(ScenarioRunner.run(plan.scenario(), FixedFleetController.sizedFor(plan.scenario()),
                        new SimSatellite.Recording(600, 100_000, null)));
            } catch (Throwable e) {
                f.completeExceptionally(e);
            }
        }, "baseline");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        t.start();
        return f;
    }
}
