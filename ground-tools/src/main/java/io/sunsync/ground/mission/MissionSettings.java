package io.sunsync.ground.mission;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * How a mission rehearsal runs: the scenario and its overrides, the pace, the rates flight is
 * configured with, and where everything goes. Validated on construction; immutable.
 *
 * @param scenarioFile    the scenario (YAML or JSON, docs/sim-harness.md)
 * @param days            mission length, in days of mission time; null: the scenario's own duration
 * @param seed            random seed; null: the scenario's
 * @param boards          accelerator boards; null: the scenario's
 * @param out             output folder (flight's files, the archive, the results, the report)
 * @param speed           mission seconds per wall-clock second (1: real time); 0: as fast as flight can go
 * @param hkPeriodS       flight's housekeeping period, in s of mission time
 * @param controlPeriodS  flight's control period (throttler tick), in s of mission time
 * @param flightCommand   how to start the flight software, e.g. {@code [/path/sunsync, flight]}
 * @param progress        draw a progress bar (on a terminal); otherwise print a status line now and then
 * @param sat             the satellite id
 * @param gradingCommand  how to grade flight's throttler against the peers on the same scenario,
 *                        e.g. {@code [/path/sunsync, bench, throttler]} (empty: the peers are not run)
 */
public record MissionSettings(Path scenarioFile, Double days, Long seed, Integer boards, Path out, double speed,
                              double hkPeriodS, double controlPeriodS, List<String> flightCommand, boolean progress,
                              String sat, List<String> gradingCommand) {
    public MissionSettings {
        Objects.requireNonNull(scenarioFile, "scenarioFile");
        Objects.requireNonNull(out, "out");
        flightCommand = List.copyOf(flightCommand);
        gradingCommand = gradingCommand == null ? List.of() : List.copyOf(gradingCommand);
        if (days != null && !(days > 0 && days <= 60)) {
            throw new IllegalArgumentException("--days must be in (0, 60], was " + days);
        }
        if (boards != null && (boards < 1 || boards > 1024)) {
            throw new IllegalArgumentException("--boards must be in [1, 1024], was " + boards);
        }
        if (!(speed >= 0) || Double.isInfinite(speed)) {
            throw new IllegalArgumentException("--speed must be >= 0 (0: as fast as possible), was " + speed);
        }
        if (!(hkPeriodS >= 0.1 && hkPeriodS <= 3600)) {
            throw new IllegalArgumentException("--hk-period-s must be in [0.1, 3600], was " + hkPeriodS);
        }
        if (!(controlPeriodS >= 0.1 && controlPeriodS <= 60)) {
            throw new IllegalArgumentException("--control-period-s must be in [0.1, 60], was " + controlPeriodS);
        }
        if (flightCommand.isEmpty() || flightCommand.get(0).isBlank()) {
            throw new IllegalArgumentException("no flight command: run it as ./sunsync demo "
                    + "(or pass --flight-command '/path/to/sunsync flight')");
        }
        if (sat == null || !sat.matches("[a-z0-9][a-z0-9-]{0,31}")) {
            throw new IllegalArgumentException("satellite id '" + sat + "' must be lower-case letters, digits and '-'");
        }
    }

    /** Settings without grading against the peers. */
    public MissionSettings(Path scenarioFile, Double days, Long seed, Integer boards, Path out, double speed,
                           double hkPeriodS, double controlPeriodS, List<String> flightCommand, boolean progress,
                           String sat) {
        this(scenarioFile, days, seed, boards, out, speed, hkPeriodS, controlPeriodS, flightCommand, progress, sat, null);
    }

    /** The same settings, graded against the peers with {@code command}. */
    public MissionSettings withGrading(List<String> command) {
        return new MissionSettings(scenarioFile, days, seed, boards, out, speed, hkPeriodS, controlPeriodS, flightCommand,
                progress, sat, command);
    }
}
