package io.sunsync.ground.mission;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The flight software as a child process, started by its real launcher ({@code sunsync flight
 * --config FILE --duration-s N}), its output going to a log file. Closing it stops it the way an
 * operator would: SIGTERM (flight stops cleanly, flushing its outbox), then SIGKILL after a grace
 * period.
 *
 * <p>Threading: one owner thread starts and closes it; {@link #isAlive()} from any thread.
 */
public final class FlightProcess implements AutoCloseable {
    private static final long STOP_GRACE_S = 30;

    private final Process process;
    private final List<String> command;

    private FlightProcess(Process process, List<String> command) {
        this.process = process;
        this.command = command;
    }

    /**
     * Starts {@code launcher --config config --duration-s durationS}.
     *
     * @param launcher the flight launcher and its leading arguments, e.g. {@code [./sunsync, flight]}
     * @param log      where stdout and stderr go
     */
    public static FlightProcess start(List<String> launcher, Path config, double durationS, Path log)
            throws MissionException {
        List<String> cmd = new ArrayList<>(launcher);
        cmd.addAll(List.of("--config", config.toString(), "--duration-s", String.format(Locale.ROOT, "%.0f", durationS)));
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .start();
            return new FlightProcess(p, List.copyOf(cmd));
        } catch (IOException e) {
            throw new MissionException(MissionError.FLIGHT_START, "cannot start the flight software ("
                    + String.join(" ", cmd) + "): " + e.getMessage(), e);
        }
    }

    /** The command line it was started with. */
    public List<String> command() {
        return command;
    }

    /** Its process id. */
    public long pid() {
        return process.pid();
    }

    /** True while it runs. */
    public boolean isAlive() {
        return process.isAlive();
    }

    /** Waits up to {@code seconds} for it to exit; its exit code, or null if it still runs. */
    public Integer waitFor(double seconds) throws InterruptedException {
        return process.waitFor((long) Math.ceil(seconds * 1000), TimeUnit.MILLISECONDS) ? process.exitValue() : null;
    }

    /** Stops it if it still runs: SIGTERM, then SIGKILL after the grace period. */
    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        // The launcher script execs java, so the signal reaches the JVM and its shutdown hook.
        process.destroy();
        try {
            if (!process.waitFor(STOP_GRACE_S, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(STOP_GRACE_S, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
