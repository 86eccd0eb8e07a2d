package io.sunsync.ground.testing;

import io.sunsync.flight.app.FlightApplication;
import io.sunsync.flight.app.FlightConfig;
import io.sunsync.ground.tc.CommandKeyFile;
import io.sunsync.testkit.SimSatelliteConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The real flight software on the sim backend, flying in a background thread of the test JVM
 * against a real broker, paced at {@code speed} virtual seconds per wall second. Closing it
 * stops flight cleanly (its presence goes {@code offline}). Its telemetry is signed with
 * telemetry keys made for it ({@link #telemetryKeyFile(Path, String)}); {@link #profile()} is a
 * ground profile that trusts them.
 */
public final class FlyingSatellite implements AutoCloseable {
    private final FlightApplication app;
    private final Thread thread;
    private final Path profile;
    private volatile Throwable failure;

    private FlyingSatellite(FlightApplication app, Path profile) {
        this.app = app;
        this.profile = profile;
        this.thread = new Thread(() -> {
            try {
                app.run(null);
            } catch (Throwable t) {
                failure = t;
            }
        }, "flight-" + System.identityHashCode(app));
        thread.setDaemon(true);
    }

    /**
     * Starts flight for satellite {@code sat} on {@code brokerUrl}.
     *
     * @param speed virtual seconds per wall second (housekeeping is 1 Hz of virtual time)
     */
    public static FlyingSatellite start(Path dir, String sat, String brokerUrl, double speed) throws Exception {
        return start(dir, sat, brokerUrl, speed, "");
    }

    /**
     * Starts flight with further top-level config sections ({@code extra}, YAML, e.g.
     * {@code commanding:} and {@code jobs:}; paths in it are relative to {@code dir/sat}).
     */
    public static FlyingSatellite start(Path dir, String sat, String brokerUrl, double speed, String extra)
            throws Exception {
        Path file = config(dir, sat, brokerUrl, speed, extra);
        FlyingSatellite s = new FlyingSatellite(new FlightApplication(FlightConfig.load(file), file.getParent()),
                file.getParent().resolve("ground.yaml"));
        s.thread.start();
        return s;
    }

    /**
     * Writes the config of satellite {@code sat} on the sim backend (8 boards, {@code speed}
     * virtual seconds per wall second) to {@code dir/sat/sat.yaml}, with further top-level
     * sections {@code extra} (paths in them relative to {@code dir/sat}); returns the file. Its
     * telemetry keys go to {@code dir/sat/tm-keys.json}, and a ground profile trusting them to
     * {@code dir/sat/ground.yaml}.
     */
    public static Path config(Path dir, String sat, String brokerUrl, double speed, String extra) throws Exception {
        Path work = Files.createDirectories(dir.resolve(sat));
        Path tmKeys = telemetryKeyFile(dir, sat);
        CommandKeyFile.generate(tmKeys, sat, 2);
        Files.writeString(work.resolve("ground.yaml"), "satellites:\n  " + sat + ": {telemetryKeyFile: " + tmKeys + "}\n");
        Path file = work.resolve("sat.yaml");
        Files.writeString(file, extra + """
                satellite: {id: %s}
                link: {broker: "%s", telemetryKeyFile: tm-keys.json, results: {chunkBytes: 16384, eofRepeatS: 5}}
                """.formatted(sat, brokerUrl) + SimSatelliteConfig.hardware("boards: 8, speed: " + speed));
        return file;
    }

    /** The telemetry keys of satellite {@code sat} configured in {@code dir} (the ground's copy: the file flight reads). */
    public static Path telemetryKeyFile(Path dir, String sat) {
        return dir.resolve(sat).resolve("tm-keys.json");
    }

    /** A ground profile naming only this satellite's telemetry key file. */
    public Path profile() {
        return profile;
    }

    /** Stops flight and waits for it to finish. */
    @Override
    public void close() throws Exception {
        app.requestStop();
        thread.join(Duration.ofSeconds(30).toMillis());
        app.close();
        if (failure != null) {
            throw new AssertionError("flight failed", failure);
        }
    }
}
