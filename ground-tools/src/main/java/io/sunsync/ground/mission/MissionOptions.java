package io.sunsync.ground.mission;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The options of a mission run that {@code sunsync demo} and {@code sunsync constellation} share:
 * the scenario, the boards per satellite, the speed, the housekeeping period, the output folder and
 * how to start the flight software. A picocli mixin; each command creates it with its own defaults
 * (which its help shows) and reads it after parsing, on the command's thread.
 */
public final class MissionOptions {
    @Option(names = "--scenario", description = "Scenario file (default: sim-harness/scenarios/eclipse-season-depth.yaml).")
    Path scenario;

    @Option(names = "--boards", description = "Accelerator boards per satellite (default: the scenario's, 96 in the default one).")
    Integer boards;

    @Option(names = "--speed",
            description = "Mission seconds per wall second (default ${DEFAULT-VALUE}); 0: as fast as flight can go (the "
                    + "ground's commands then lag far behind mission time).")
    double speed;

    @Option(names = "--hk-period-s",
            description = "Flight's housekeeping period, in s of mission time (default ${DEFAULT-VALUE}).")
    double hkPeriodS;

    @Option(names = "--out", description = "Output folder (default ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--flight-command", defaultValue = "${env:SUNSYNC_FLIGHT_COMMAND}",
            description = "How to start the flight software (default: $SUNSYNC_FLIGHT_COMMAND, set by ./sunsync).")
    String flightCommand;

    /**
     * A command's defaults.
     *
     * @param speed     mission seconds per wall second
     * @param hkPeriodS flight's housekeeping period, in s of mission time
     * @param out       the output folder
     */
    public MissionOptions(double speed, double hkPeriodS, String out) {
        this.speed = speed;
        this.hkPeriodS = hkPeriodS;
        this.out = Path.of(out);
    }

    /** {@code --scenario}, else the default scenario. */
    public Path scenario() {
        return scenario != null ? scenario : defaultScenario();
    }

    /** {@code --boards}, or null for the scenario's. */
    public Integer boards() {
        return boards;
    }

    /** {@code --speed}: mission seconds per wall second, 0 for as fast as flight can go. */
    public double speed() {
        return speed;
    }

    /** {@code --hk-period-s}. */
    public double hkPeriodS() {
        return hkPeriodS;
    }

    /** {@code --out}. */
    public Path out() {
        return out;
    }

    /** {@code --flight-command} as words (empty if not given). */
    public List<String> flightCommand() {
        return words(flightCommand);
    }

    /** The default scenario: under $SUNSYNC_HOME (set by ./sunsync), else relative to the working directory. */
    public static Path defaultScenario() {
        String home = System.getenv("SUNSYNC_HOME");
        Path rel = Path.of("sim-harness", "scenarios", "eclipse-season-depth.yaml");
        return home == null || home.isBlank() ? rel : Path.of(home).resolve(rel);
    }

    /** A command line given as one option value, split at white space (empty for none). */
    public static List<String> words(String line) {
        return line == null || line.isBlank() ? List.of() : Arrays.asList(line.trim().split("\\s+"));
    }
}
