package io.sunsync.ground.testing;

import io.sunsync.ground.mission.FlightProcess;
import io.sunsync.ground.tc.CommandKeyFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The real flight software as a child process on the sim backend (its own JVM, started by
 * {@link FlightProcess} as the demo starts it), with commanding, the job runner and the results
 * downlink configured, paced at {@code speed} mission seconds per wall second. Its command keys
 * are in {@link #keys()} for the ground's profile. Closing it stops it as an operator would.
 */
public final class FlightChild implements AutoCloseable {
    private final FlightProcess process;
    private final Path keys;

    private FlightChild(FlightProcess process, Path keys) {
        this.process = process;
        this.keys = keys;
    }

    /**
     * Starts satellite {@code sat} against {@code brokerUrl}, its files under {@code dir/sat}.
     *
     * @param hkPeriodS housekeeping period, in s of mission time
     */
    public static FlightChild start(Path dir, String sat, String brokerUrl, double speed, double hkPeriodS) throws Exception {
        Path work = Files.createDirectories(dir.resolve(sat));
        Path keys = work.resolve("keys.json");
        CommandKeyFile.generate(keys, sat, 2);
        Path config = FlyingSatellite.config(dir, sat, brokerUrl, speed, """
                telemetry: {housekeepingPeriodS: %s}
                commanding: {keyFile: keys.json, stateDir: commanding, armTimeoutS: 3600}
                jobs: {dataDir: jobs}
                """.formatted(hkPeriodS));
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> launcher = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-XX:TieredStopAtLevel=1", "-cp", cp, "io.sunsync.flight.app.FlightMain");
        return new FlightChild(FlightProcess.start(launcher, config, 10 * 86_400, work.resolve("flight.log")), keys);
    }

    /** The satellite's command key file (a copy the ground may hold). */
    public Path keys() {
        return keys;
    }

    /** True while it runs. */
    public boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public void close() {
        process.close();
    }
}
