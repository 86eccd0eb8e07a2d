package io.sunsync.ground.mission;

import io.sunsync.ground.tc.CommandKeyFile;
import io.sunsync.ground.tmauth.TelemetryKeys;
import io.sunsync.sim.fdyn.FlightDynamics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The rehearsal's output folder: the flight side as it would sit on the board (config, command
 * keys, outbox, commanding state, job journal and results, the truth log), the ground station
 * (archive, downloaded results, its own state) and the report.
 *
 * <pre>
 * OUT/flight/flight.yaml     the satellite config flight runs with
 * OUT/flight/scenario.yaml   the scenario (a copy)
 * OUT/flight/keys/           the satellite's command and telemetry keys
 * OUT/flight/outbox/ state/ jobs/   flight's on-disk outbox, commanding state, job journal and results
 * OUT/flight/flight.log      flight's log
 * OUT/flight/truth.jsonl     what physically happened (the sim's truth log)
 * OUT/ground/archive/        the ground's telemetry and event archive (JSON lines)
 * OUT/ground/results/        results downloaded and verified
 * OUT/ground/state/          the ground station's state (command sequence numbers)
 * OUT/ground/keys/           the ground's copy of the command and telemetry keys
 * OUT/ground/session.log     what the ground session did
 * OUT/report.md, report.html, summary.json, *.png   the mission report
 * </pre>
 *
 * @param root the output folder
 */
public record MissionFolder(Path root) {
    /** First line of every flight config the rehearsal writes (how an old output folder is recognised). */
    static final String MARKER = "# Written by sunsync demo";

    public Path flightDir() {
        return root.resolve("flight");
    }

    public Path flightConfig() {
        return flightDir().resolve("flight.yaml");
    }

    public Path flightLog() {
        return flightDir().resolve("flight.log");
    }

    public Path truthLog() {
        return flightDir().resolve("truth.jsonl");
    }

    public Path groundDir() {
        return root.resolve("ground");
    }

    public Path archive() {
        return groundDir().resolve("archive");
    }

    public Path results() {
        return groundDir().resolve("results");
    }

    public Path groundState() {
        return groundDir().resolve("state");
    }

    public Path groundKeys(String sat) {
        return groundDir().resolve("keys").resolve(sat + ".keys.json");
    }

    /** The ground's copy of the satellite's telemetry keys (other keys than the command keys). */
    public Path groundTelemetryKeys(String sat) {
        return groundDir().resolve("keys").resolve(sat + ".tm-keys.json");
    }

    /** The ground's telemetry keys of {@code sat} (written by {@link #writeFlight}). */
    public TelemetryKeys telemetryKeys(String sat) throws MissionException {
        try {
            return TelemetryKeys.read(java.util.List.of(groundTelemetryKeys(sat)));
        } catch (IOException e) {
            throw new MissionException(MissionError.OUT_FOLDER, "cannot read the telemetry keys of " + sat + ": "
                    + e.getMessage(), e);
        }
    }

    public Path sessionLog() {
        return groundDir().resolve("session.log");
    }

    /**
     * Makes {@code root} ready for a new run: creates it, or empties it if it holds an earlier
     * rehearsal's output. Anything else in it is left alone and refused.
     */
    public static MissionFolder prepare(Path root) throws MissionException {
        Path abs = root.toAbsolutePath().normalize();
        try {
            if (Files.isDirectory(abs)) {
                try (Stream<Path> entries = Files.list(abs)) {
                    List<Path> present = entries.toList();
                    if (!present.isEmpty()) {
                        if (!isRehearsal(abs)) {
                            throw new MissionException(MissionError.OUT_FOLDER, abs + " is not empty and holds no earlier "
                                    + "sunsync demo run; choose another --out");
                        }
                        for (Path p : present) {
                            deleteTree(p);
                        }
                    }
                }
            }
            Files.createDirectories(abs);
            MissionFolder f = new MissionFolder(abs);
            Files.createDirectories(f.flightDir());
            Files.createDirectories(f.archive());
            Files.createDirectories(f.results());
            Files.createDirectories(f.groundState());
            return f;
        } catch (IOException e) {
            throw new MissionException(MissionError.OUT_FOLDER, "cannot prepare " + abs + ": " + e.getMessage(), e);
        }
    }

    /** The folder of a run already prepared (nothing is created or emptied). */
    public static MissionFolder prepared(Path root) {
        return new MissionFolder(root.toAbsolutePath().normalize());
    }

    private static boolean isRehearsal(Path dir) throws IOException {
        Path config = dir.resolve("flight").resolve("flight.yaml");
        if (Files.isRegularFile(config)) {
            try (Stream<String> lines = Files.lines(config)) {
                return lines.findFirst().map(l -> l.startsWith(MARKER)).orElse(false);
            }
        }
        return Files.isRegularFile(dir.resolve("summary.json")) && Files.isRegularFile(dir.resolve("report.md"));
    }

    /**
     * Writes the command keys and the telemetry keys (the ground's copy and the satellite's of
     * each), the scenario copy and the flight config.
     *
     * @return the flight config file
     */
    public Path writeFlight(MissionSettings s, MissionPlan plan, String brokerUrl) throws MissionException {
        try {
            Files.createDirectories(groundKeys(s.sat()).getParent());
            CommandKeyFile.generate(groundKeys(s.sat()), s.sat(), 2);
            Path flightKeys = flightDir().resolve("keys").resolve(s.sat() + ".keys.json");
            Files.createDirectories(flightKeys.getParent());
            Files.copy(groundKeys(s.sat()), flightKeys, StandardCopyOption.REPLACE_EXISTING);
            Files.setPosixFilePermissions(flightKeys, PosixFilePermissions.fromString("rw-------"));
            CommandKeyFile.generate(groundTelemetryKeys(s.sat()), s.sat(), 2);
            Path flightTmKeys = flightDir().resolve("keys").resolve(s.sat() + ".tm-keys.json");
            Files.copy(groundTelemetryKeys(s.sat()), flightTmKeys, StandardCopyOption.REPLACE_EXISTING);
            Files.setPosixFilePermissions(flightTmKeys, PosixFilePermissions.fromString("rw-------"));
            Files.copy(s.scenarioFile(), flightDir().resolve("scenario.yaml"), StandardCopyOption.REPLACE_EXISTING);
            Files.writeString(flightConfig(), flightYaml(s, plan, brokerUrl));
            return flightConfig();
        } catch (IOException e) {
            throw new MissionException(MissionError.OUT_FOLDER, "cannot write the flight files in " + flightDir() + ": "
                    + e.getMessage(), e);
        }
    }

    /** The satellite config: the flight software exactly as it flies, on the sim backend. */
    public static String flightYaml(MissionSettings s, MissionPlan plan, String brokerUrl) {
        var orbit = plan.scenario().orbit().model();
        // Mission time runs `speed` times faster than the wall clock: windows the protocol measures in
        // mission time (arm tokens) are widened so a ground round trip of a few tens of ms still fits.
        return String.format(Locale.ROOT, """
                %s (%s); flight's paths are relative to this file.
                satellite:
                  id: %s
                link:
                  broker: %s
                  outbox: {dir: outbox}
                  telemetryKeyFile: keys/%s.tm-keys.json   # every message signed (docs/icd/downlink.md)
                telemetry:
                  housekeepingPeriodS: %s
                commanding:
                  keyFile: keys/%s.keys.json
                  stateDir: state
                  armTimeoutS: 3600        # an hour of mission time: a few seconds of wall time at %s x
                  tickPeriodS: 1.0
                jobs:
                  dataDir: jobs
                throttler:
                  controlPeriodS: %s
                  preEclipseLeadS: %s
                orbit:                     # the elements this satellite accepts (flight dynamics' catalogue number)
                  noradId: %d
                  minMeanMotionRevPerDay: %s
                  maxMeanMotionRevPerDay: %s
                  minInclinationDeg: %s
                  maxInclinationDeg: %s
                hardware:
                  clock:        {backend: sim}
                  power:        {backend: sim}
                  thermal:      {backend: sim}
                  accelerators: {backend: sim}
                  backends:
                    sim:
                      scenario: scenario.yaml
                      speed: %s
                      seed: %d
                      boards: %d
                      truthLog: truth.jsonl   # what physically happened, and the oracle's bound at exit
                      truthSampleS: 60
                """, MARKER, "the mission rehearsal, docs/mission-run.md", s.sat(), brokerUrl, s.sat(), num(s.hkPeriodS()), s.sat(),
                num(s.speed()), num(s.controlPeriodS()), num(Math.max(5, 2 * s.controlPeriodS())),
                FlightDynamics.DEFAULT_SATELLITE_NUMBER, num(revPerDay(orbit.altitudeKm() + 100)),
                num(revPerDay(orbit.altitudeKm() - 100)), num(Math.rint(orbit.inclinationDeg() * 100) / 100 - 2),
                num(Math.rint(orbit.inclinationDeg() * 100) / 100 + 2), num(s.speed()), plan.scenario().seed(), plan.boards());
    }

    /** Mean motion of a circular orbit at {@code altitudeKm}, in rev/day, to 3 decimals. */
    private static double revPerDay(double altitudeKm) {
        double a = (6_378_137.0 + altitudeKm * 1000) / 1000; // km
        return Math.rint(86_400 / (2 * Math.PI * Math.sqrt(a * a * a / 398_600.4418)) * 1000) / 1000;
    }

    private static String num(double v) {
        return v == Math.rint(v) ? String.format(Locale.ROOT, "%.1f", v) : String.format(Locale.ROOT, "%s", v);
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
