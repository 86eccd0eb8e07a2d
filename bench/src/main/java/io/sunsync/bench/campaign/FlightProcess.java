package io.sunsync.bench.campaign;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Flight as a separate JVM ({@code FlightMain --config FILE}) on the class path of the calling
 * JVM, as the campaigns start, kill and restart it: the campaigns' one fixture for a flight process
 * under test. {@link #prepare} sets up its working folder (the satellite's key file, an empty
 * {@code flight.log}), {@link #start(SimFlightConfig)} writes its config and starts it. Output is
 * appended to one log file across restarts. Not thread safe: one campaign thread owns it.
 */
final class FlightProcess {
    private final Path config;
    private final Path log;
    private final List<String> jvmOptions;
    private final List<String> flightArgs;
    private Process process;
    private long launches;

    private FlightProcess(Path config, Path log, List<String> jvmOptions, List<String> flightArgs) {
        this.config = config;
        this.log = log;
        this.jvmOptions = List.copyOf(jvmOptions);
        this.flightArgs = List.copyOf(flightArgs);
    }

    /**
     * A flight of {@code sat} in {@code work} (created if need be): its key file written
     * ({@link CampaignSigner#writeKeyFile}), its log {@code work/flight.log} emptied, its config to be
     * {@code work/sat.yaml}. The JVM gets a heap of {@code xmx} and exits on OutOfMemoryError.
     *
     * @param xmx            flight's heap limit, e.g. {@code 64m}
     * @param moreJvmOptions further JVM options
     * @param flightArgs     more arguments for FlightMain (e.g. {@code --duration-s 86400})
     */
    static FlightProcess prepare(Path work, String sat, String xmx, List<String> moreJvmOptions, List<String> flightArgs)
            throws IOException {
        Files.createDirectories(work);
        Path log = work.resolve("flight.log");
        Files.deleteIfExists(log);
        CampaignSigner.writeKeyFile(work, sat);
        List<String> jvm = new ArrayList<>(List.of("-Xmx" + xmx, "-XX:+ExitOnOutOfMemoryError"));
        jvm.addAll(moreJvmOptions);
        return new FlightProcess(work.resolve("sat.yaml"), log, jvm, flightArgs);
    }

    /** Where its output goes. */
    Path log() {
        return log;
    }

    /** Writes {@code config} as its config file and starts it (it must not be running). */
    void start(SimFlightConfig config) throws IOException {
        if (alive()) {
            throw new IllegalStateException("flight is already running");
        }
        config.write(this.config);
        start();
    }

    /** Starts flight with the config file as it is (it must not be running). */
    void start() throws IOException {
        if (alive()) {
            throw new IllegalStateException("flight is already running");
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java));
        cmd.addAll(jvmOptions);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "io.sunsync.flight.app.FlightMain",
                "--config", config.toString()));
        cmd.addAll(flightArgs);
        process = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        launches++;
    }

    /** Whether the process is alive. */
    boolean alive() {
        return process != null && process.isAlive();
    }

    /** Its pid (for JMX-free sampling of /proc), or -1. */
    long pid() {
        return process == null ? -1 : process.pid();
    }

    /** How many times it was started. */
    long launches() {
        return launches;
    }

    /** {@code kill -9}: no shutdown hook, no flush. Returns the exit code (137). */
    int kill9() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            throw new IllegalStateException("flight survived SIGKILL");
        }
        return process.exitValue();
    }

    /**
     * SIGTERM, as {@code systemctl stop} sends: the scheduler stops after its cycle, the link
     * flushes (up to 30 s). Returns the exit code, or -1 if it had not exited after
     * {@code timeoutS} (then it is killed).
     */
    int sigterm(long timeoutS) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(timeoutS, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            return -1;
        }
        return process.exitValue();
    }

    /**
     * Whether {@code code} is a clean stop: 0, or 143, the JVM's status after it ran its shutdown
     * hooks on SIGTERM (the unit declares {@code SuccessExitStatus=143} for it).
     */
    static boolean cleanStop(int code) {
        return code == 0 || code == 143;
    }

    /** The exit code if it has exited by itself, else null. */
    Integer exited() {
        return process == null || process.isAlive() ? null : process.exitValue();
    }
}
