package io.sunsync.flight.jobs.process;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One job's OS process, started in its own session and process group ({@code setsid}) so the
 * whole tree it spawns can be stopped, continued and killed together. stdin is
 * {@code /dev/null}; stdout and stderr are drained into {@link BoundedLog}s by two daemon
 * threads.
 *
 * <p>Signals: {@link #suspend()} SIGSTOP and {@link #resume()} SIGCONT go to the group;
 * {@link #requestCheckpoint()} SIGUSR1 goes to the main process only (the default action of
 * SIGUSR1 is to terminate, so helpers it spawned must not receive it); {@link #terminate()} sends
 * SIGTERM then SIGCONT (a stopped process must run to handle it) to the group, and {@link #kill()}
 * SIGKILL to the group. Where the group cannot be signalled (no {@code setsid}, or the group is
 * gone) the main process and its live descendants are signalled one by one.
 *
 * <p>Threading: owned by the job runner; the methods may be called from any one thread at a time.
 */
public final class JobProcess {
    private static final String SETSID = findSetsid();

    private final Process process;
    private final long pid;
    private final Instant startInstant;
    private final BoundedLog stdout;
    private final BoundedLog stderr;
    private final boolean ownGroup;

    /**
     * What to start.
     *
     * @param name         a name for the pump threads (the job id)
     * @param command      the command line
     * @param workDir      the working directory (must exist)
     * @param env          the complete environment
     * @param stdoutLog    stdout's log file
     * @param stderrLog    stderr's log file
     * @param maxLogBytes  size at which each log rotates, in bytes
     */
    public record Launch(String name, List<String> command, Path workDir, Map<String, String> env, Path stdoutLog,
                         Path stderrLog, long maxLogBytes) {
        public Launch {
            command = List.copyOf(command);
            env = Map.copyOf(env);
        }
    }

    private JobProcess(Process process, BoundedLog stdout, BoundedLog stderr, boolean ownGroup) {
        this.process = process;
        this.pid = process.pid();
        this.startInstant = process.info().startInstant().orElse(null);
        this.stdout = stdout;
        this.stderr = stderr;
        this.ownGroup = ownGroup;
    }

    private static String findSetsid() {
        for (String p : List.of("/usr/bin/setsid", "/bin/setsid")) {
            if (Files.isExecutable(Path.of(p))) {
                return p;
            }
        }
        return null;
    }

    /**
     * Starts the process.
     *
     * @throws IOException when it cannot be started (no such program, not executable)
     */
    public static JobProcess start(Launch launch) throws IOException {
        List<String> cmd = new ArrayList<>();
        if (SETSID != null) {
            cmd.add(SETSID); // setsid(2) then exec: same pid, new session and process group
        }
        cmd.addAll(launch.command());
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(launch.workDir().toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        pb.environment().clear();
        pb.environment().putAll(launch.env());
        if (SETSID != null) {
            // Fail like a direct exec would when the program is missing, instead of setsid exiting 127 later.
            String program = launch.command().get(0);
            if (program.contains("/") ? !Files.isExecutable(resolve(launch.workDir(), program))
                    : findOnPath(program, launch.env().get("PATH")) == null) {
                throw new IOException("cannot run '" + program + "': not found or not executable");
            }
        }
        Process p = pb.start();
        BoundedLog out = new BoundedLog(p.getInputStream(), launch.stdoutLog(), launch.maxLogBytes());
        BoundedLog err = new BoundedLog(p.getErrorStream(), launch.stderrLog(), launch.maxLogBytes());
        pump(out, "job-" + launch.name() + "-stdout");
        pump(err, "job-" + launch.name() + "-stderr");
        return new JobProcess(p, out, err, SETSID != null);
    }

    private static Path resolve(Path workDir, String program) {
        Path p = Path.of(program);
        return p.isAbsolute() ? p : workDir.resolve(p);
    }

    private static Path findOnPath(String program, String path) {
        String search = path != null ? path : System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        for (String dir : search.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, program);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    private static void pump(BoundedLog log, String name) {
        Thread t = new Thread(log, name);
        t.setDaemon(true);
        t.start();
    }

    /** The main process's pid (also its process group id). */
    public long pid() {
        return pid;
    }

    /** When the OS says the process started, if it says. */
    public Optional<Instant> startInstant() {
        return Optional.ofNullable(startInstant);
    }

    /** True while the main process has not exited. */
    public boolean alive() {
        return process.isAlive();
    }

    /** The exit code once the main process has exited (128 + n when killed by signal n). */
    public OptionalInt exitCode() {
        return process.isAlive() ? OptionalInt.empty() : OptionalInt.of(process.exitValue());
    }

    /** True while the main process or any process of its group is alive. */
    public boolean anyAlive() {
        if (process.isAlive()) {
            return true;
        }
        if (!ownGroup) {
            return process.toHandle().descendants().anyMatch(ProcessHandle::isAlive);
        }
        return ProcessTable.available() ? !ProcessTable.liveMembers(pid).isEmpty() : ProcessSignals.toGroup(pid, "0");
    }

    /** SIGSTOP to the process group. */
    public boolean suspend() {
        return signalTree("STOP");
    }

    /** SIGCONT to the process group. */
    public boolean resume() {
        return signalTree("CONT");
    }

    /** SIGUSR1 to the main process only. */
    public boolean requestCheckpoint() {
        return process.isAlive() && ProcessSignals.toProcess(pid, "USR1");
    }

    /** SIGTERM then SIGCONT to the process group (asks it to exit; a stopped process must run to do so). */
    public boolean terminate() {
        boolean ok = signalTree("TERM");
        signalTree("CONT");
        return ok;
    }

    /** SIGKILL to the process group. */
    public boolean kill() {
        return signalTree("KILL");
    }

    /** stdout's log. */
    public BoundedLog stdout() {
        return stdout;
    }

    /** stderr's log. */
    public BoundedLog stderr() {
        return stderr;
    }

    private boolean signalTree(String signal) {
        if (ownGroup && ProcessSignals.toGroup(pid, signal)) {
            return true;
        }
        // No group (yet, or any more): the main process and whatever descends from it now.
        List<ProcessHandle> targets = new ArrayList<>();
        process.toHandle().descendants().forEach(targets::add);
        boolean any = false;
        if (process.isAlive()) {
            any = ProcessSignals.toProcess(pid, signal);
        }
        for (ProcessHandle h : targets) {
            any |= ProcessSignals.toProcess(h.pid(), signal);
        }
        return any;
    }

    @Override
    public String toString() {
        return "JobProcess[pid=" + pid + ", alive=" + process.isAlive() + "]";
    }

    /** Checks {@code pid} is the process we started at {@code startInstant} (guards against pid reuse). */
    public static boolean sameProcess(long pid, Instant startInstant) {
        Optional<ProcessHandle> h = ProcessHandle.of(pid);
        return h.isPresent() && h.get().isAlive() && startInstant != null
                && Objects.equals(h.get().info().startInstant().orElse(null), startInstant);
    }
}
