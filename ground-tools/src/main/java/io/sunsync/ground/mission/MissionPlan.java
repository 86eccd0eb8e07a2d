package io.sunsync.ground.mission;

import io.sunsync.sim.scenario.Scenario;
import java.time.Instant;

/**
 * The mission as planned: the scenario with the rehearsal's overrides (seed, board count,
 * duration) applied, exactly as flight's {@code sim} backend will apply them. Immutable.
 *
 * @param scenario  the scenario as flown
 * @param durationS mission length, in s
 */
public record MissionPlan(Scenario scenario, double durationS) {

    /** Loads the scenario of {@code settings} and applies its overrides. */
    public static MissionPlan of(MissionSettings settings) throws MissionException {
        if (!java.nio.file.Files.isRegularFile(settings.scenarioFile())) {
            throw new MissionException(MissionError.BAD_SCENARIO, "no scenario file " + settings.scenarioFile());
        }
        Scenario s;
        try {
            s = Scenario.load(settings.scenarioFile()).with(null, settings.seed(), settings.boards(), null);
            if (settings.days() != null) {
                s = s.withDuration(Math.round(settings.days() * 86_400));
            }
        } catch (RuntimeException e) {
            // The sim's ConfigException names the dotted key; its message is all the operator needs.
            throw new MissionException(MissionError.BAD_SCENARIO, "scenario " + settings.scenarioFile() + ": "
                    + e.getMessage(), e);
        }
        return new MissionPlan(s, s.durationS());
    }

    /** Mission time at the start. */
    public Instant start() {
        return scenario.start();
    }

    /** Mission time at the end. */
    public Instant end() {
        return scenario.end();
    }

    /** The number of accelerator boards. */
    public int boards() {
        return scenario.boards().count();
    }
}
