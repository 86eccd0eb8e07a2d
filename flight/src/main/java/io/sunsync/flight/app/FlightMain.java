package io.sunsync.flight.app;

import io.sunsync.flight.lifecycle.ComponentStartException;
import io.sunsync.hal.config.ConfigException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The flight launcher: {@code sunsync flight --config sat.yaml [--duration-s N]}. Exit codes:
 * 0 clean stop, 2 bad command line or config (the message names the key), 1 anything else (a
 * component that did not start is named on stderr).
 */
@Command(name = "sunsync flight", mixinStandardHelpOptions = true, version = "sunsync-flight " + FlightApplication.VERSION,
        description = "Runs the flight software for one satellite, with the hardware backends its config names.",
        footer = {"", "Examples:",
                "  sunsync flight --config flight/config/sim-sat.yaml",
                "  sunsync flight --config sat.yaml --duration-s 3600   # one hour of mission time, then stop"})
public final class FlightMain implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(FlightMain.class);

    /** Exit code for a bad config or command line. */
    public static final int EXIT_CONFIG = 2;
    /** Exit code for a failure: a component that did not start, or anything unexpected. */
    public static final int EXIT_FAILED = 1;

    @Option(names = {"-c", "--config"}, required = true, paramLabel = "FILE",
            description = "The satellite config file (YAML or JSON).")
    Path configFile;

    @Option(names = "--duration-s", paramLabel = "SECONDS",
            description = "Stop after this much mission time (virtual in simulation). Default: run until stopped.")
    Double durationS;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the launcher and returns its exit code (for tests). */
    public static int run(String... args) {
        return new CommandLine(new FlightMain()).setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof ConfigException ce) {
                cmd.getErr().println("sunsync flight: bad config: " + ce.getMessage());
                return EXIT_CONFIG;
            }
            if (e instanceof ComponentStartException cs) {
                // The components started before it were stopped again; the cause is logged with its trace.
                cmd.getErr().println("sunsync flight: failed to start: " + cs.getMessage());
                return EXIT_FAILED;
            }
            throw e;
        }).execute(args);
    }

    @Override
    public Integer call() throws Exception {
        if (durationS != null && !(durationS > 0)) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--duration-s must be > 0");
        }
        FlightConfig config = FlightConfig.load(configFile);
        Path configDir = configFile.toAbsolutePath().getParent();
        CountDownLatch finished = new CountDownLatch(1);
        try (FlightApplication app = new FlightApplication(config, configDir)) {
            Thread hook = new Thread(() -> {
                LOG.info("stop requested (signal)");
                app.requestStop();
                try {
                    finished.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
            try {
                app.run(durationS == null ? null : Duration.ofMillis(Math.round(durationS * 1000)));
            } finally {
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException shuttingDown) {
                    // the hook is running: let it finish once we are done
                }
            }
        } finally {
            finished.countDown();
        }
        LOG.info("flight stopped cleanly");
        return 0;
    }
}
