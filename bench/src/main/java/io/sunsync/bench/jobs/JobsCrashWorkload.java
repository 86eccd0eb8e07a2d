package io.sunsync.bench.jobs;

import io.sunsync.bench.cli.BenchCommand;
import io.sunsync.bench.cli.Seed;
import io.sunsync.flight.events.Event;
import io.sunsync.flight.jobs.BoardRequest;
import io.sunsync.flight.jobs.JobKind;
import io.sunsync.flight.jobs.JobRunner;
import io.sunsync.flight.jobs.JobSpec;
import io.sunsync.flight.jobs.JobState;
import io.sunsync.flight.jobs.JobStatus;
import io.sunsync.flight.jobs.JobsConfig;
import io.sunsync.flight.jobs.ProcessSpec;
import io.sunsync.flight.jobs.RunningJob;
import io.sunsync.flight.jobs.SubmitResult;
import io.sunsync.flight.jobs.SuspendCause;
import io.sunsync.hal.config.ConfigReader;
import io.sunsync.hal.config.HardwareAssembly;
import io.sunsync.hal.config.HardwareConfig;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The child side of the kill -9 test: a job runner on the sim backend (which must be on the
 * class path) over a data directory, driven as flight would drive it, that reports what it
 * does on stdout, one line each, flushed before the next step:
 * <pre>
 *   STARTING                      the JVM is up; the runner is about to replay its journal
 *   READY jobs=N orphans=K replayMs=T   replay and recovery done
 *   ACCEPTED id                   submit() returned accepted (so the job is in the journal)
 *   EVENT code jobId reason       every event the runner emitted
 *   DRAINED                       (--drain) every job has finished; exit 0
 * </pre>
 * It submits {@code --submit} jobs named {@code <prefix>-<n>}, one per tick, plays
 * the throttler (random suspend/resume, checkpoint requests) and acknowledges every third result,
 * until it is killed - or, with {@code --drain}, until every job is finished.
 *
 * <p>Usage: {@code JobsCrashWorkload --data-dir DIR --prefix P --submit N --seed S [--drain] [--boards B]}
 */
@Command(name = "jobs-crash-workload", mixinStandardHelpOptions = true, sortOptions = false,
        description = "The child of the jobs-crash bench: a job runner on the sim backend over DIR, reporting each step on stdout.")
public final class JobsCrashWorkload implements Callable<Integer> {
    /** Boards of the simulated satellite. */
    public static final int DEFAULT_BOARDS = 4;

    @Option(names = "--data-dir", paramLabel = "DIR", required = true, description = "The runner's data directory.")
    Path dataDir;

    @Option(names = "--prefix", paramLabel = "P", defaultValue = "j", description = "Job ids are P-n (default: ${DEFAULT-VALUE}).")
    String prefix;

    @Option(names = "--submit", paramLabel = "N", defaultValue = "0", description = "Jobs to submit (default: ${DEFAULT-VALUE}).")
    int submit;

    @Mixin
    Seed seed;

    @Option(names = "--drain", description = "Run until every job has finished, then exit 0.")
    boolean drain;

    @Option(names = "--boards", paramLabel = "B", defaultValue = "" + DEFAULT_BOARDS,
            description = "Boards of the simulated satellite (default: ${DEFAULT-VALUE}).")
    int boards;

    private JobsCrashWorkload() {
    }

    public static void main(String[] args) {
        BenchCommand.exit(new JobsCrashWorkload(), args);
    }

    @Override
    public Integer call() throws Exception {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        out.println("STARTING");
        return run(dataDir, prefix, submit, seed.value(), drain, boards, out);
    }

    static int run(Path dataDir, String prefix, int submit, long seed, boolean drain, int boardCount, PrintStream out)
            throws InterruptedException {
        HardwareConfig hw = ConfigReader.parse("""
                clock: {backend: sim}
                power: {backend: sim}
                thermal: {backend: sim}
                accelerators: {backend: sim}
                backends:
                  sim: {boards: %d, speed: 20, seed: %d}
                """.formatted(boardCount, seed), false, HardwareConfig.class, "crash-workload");
        HardwareAssembly hardware = HardwareAssembly.build(hw, dataDir, "hardware");
        JobsConfig config = new JobsConfig(dataDir.toString(), 0.2, null, null, null, null, 64L * 1024, 1.0, 0.5, 1000,
                1.0, 32L * 1024, null);
        long[] recovered = new long[3];
        JobRunner runner = new JobRunner(config, dataDir, hardware.boards(), hardware.timeSource(), e -> {
            if (e.code().equals("JOBS_RECOVERED")) {
                recovered[0] = ((Number) e.data().get("jobs")).longValue();
                recovered[1] = ((Number) e.data().get("orphansKilled")).longValue();
                recovered[2] = ((Number) e.data().get("replayMs")).longValue();
            }
            out.println(line(e));
        });
        runner.start();
        out.println("READY jobs=" + recovered[0] + " orphans=" + recovered[1] + " replayMs=" + recovered[2]);
        Random rnd = new Random(seed);
        Duration tick = Duration.ofMillis(200);
        Instant now = hardware.timeSource().now();
        Map<String, Instant> suspendedAt = new java.util.HashMap<>();
        for (long n = 0; ; n++) {
            now = now.plus(tick);
            hardware.timeSource().awaitUntil(now);
            if (n < submit) { // one submission per tick: kills land between submissions, ticks and results
                JobSpec spec = spec(prefix + "-" + n, rnd);
                SubmitResult r = runner.submit(spec);
                out.println(r.accepted() ? "ACCEPTED " + spec.id() : "REJECTED " + spec.id() + " " + r.reason());
            }
            runner.tick(now);
            actLikeAThrottler(runner, rnd, now, suspendedAt);
            for (JobStatus s : runner.list()) {
                if (s.resultAwaitingAck() && Math.floorMod(s.id().hashCode(), 3) == 0) {
                    runner.ackResult(s.id());
                }
            }
            if (drain && n >= submit && runner.list().stream().allMatch(s -> s.state().terminal())) {
                out.println("DRAINED");
                runner.stop();
                return 0;
            }
        }
    }

    private static void actLikeAThrottler(JobRunner runner, Random rnd, Instant now, Map<String, Instant> suspendedAt) {
        List<RunningJob> running = runner.runningJobs();
        for (RunningJob j : running) {
            Instant at = suspendedAt.get(j.jobId());
            if (j.state() == JobState.SUSPENDED && j.suspendCause() == SuspendCause.COMMANDED
                    && (at == null || Duration.between(at, now).toMillis() >= 600)) {
                runner.resume(j.jobId());
            }
        }
        if (running.isEmpty() || rnd.nextInt(20) != 0) {
            return;
        }
        RunningJob pick = running.get(rnd.nextInt(running.size()));
        if (pick.state() != JobState.RUNNING) {
            return;
        }
        if (pick.checkpointable() && rnd.nextBoolean()) {
            runner.requestCheckpoint(pick.jobId());
        } else if (runner.suspend(pick.jobId(), "crash workload: shedding load").ok()) {
            suspendedAt.put(pick.jobId(), now);
        }
    }

    private static String line(Event e) {
        Object id = e.data().get("jobId");
        Object reason = e.data().get("reason");
        return "EVENT " + e.code() + " " + (id == null ? "-" : id) + " " + (reason == null ? "-" : reason);
    }

    /**
     * The job a given id stands for: a checkpointing summer (checked by its sum), a writer of a
     * known number of bytes, or a synthetic job. Derived from the id so the checker can recompute it.
     */
    static JobSpec spec(String id, Random rnd) {
        int priority = 10 + rnd.nextInt(81);
        Kind kind = kindOf(id);
        int boards = 1 + Math.floorMod(id.hashCode() >> 4, 2);
        return switch (kind) {
            case SUMMER -> new JobSpec(id, "crash", priority, null, new BoardRequest(boards, null), null, null,
                    JobKind.PROCESS, new ProcessSpec(List.of("bash", "-c", SUMMER), Map.of("N", Integer.toString(stepsOf(id))),
                    null), true);
            case WRITER -> new JobSpec(id, "crash", priority, null, new BoardRequest(boards, null), null, null,
                    JobKind.PROCESS, new ProcessSpec(List.of("bash", "-c", WRITER), Map.of("SIZE",
                    Integer.toString(sizeOf(id))), null), false);
            case SYNTHETIC -> new JobSpec(id, "crash", priority, null, new BoardRequest(boards, null),
                    (double) unitsOf(id), null, JobKind.SYNTHETIC, null, Math.floorMod(id.hashCode(), 2) == 0);
        };
    }

    /** What a job id runs. */
    enum Kind {
        SUMMER, WRITER, SYNTHETIC
    }

    static Kind kindOf(String id) {
        return Kind.values()[Math.floorMod(id.hashCode(), 3)];
    }

    /** The summer's N: its result must be N(N+1)/2. */
    static int stepsOf(String id) {
        return 5 + Math.floorMod(id.hashCode() >> 8, 26);
    }

    /** The writer's result size, in bytes. */
    static int sizeOf(String id) {
        return 1 + Math.floorMod(id.hashCode() >> 8, 50_000);
    }

    /** The synthetic job's work, in work units (about 1 unit per second per board at full cap). */
    static int unitsOf(String id) {
        return 1 + Math.floorMod(id.hashCode() >> 8, 8);
    }

    /** Sums 1..N, 10 ms a step, checkpointing (i, sum) atomically each step; SIGUSR1 acknowledges. */
    static final String SUMMER = """
            cp="$SUNSYNC_CHECKPOINT_DIR/state"
            i=0; sum=0
            if [ -f "$cp" ]; then read i sum < "$cp"; fi
            save() { echo "$i $sum" > "$cp.tmp" && mv "$cp.tmp" "$cp"; }
            trap 'save; echo "$i" > "$SUNSYNC_CHECKPOINT_ACK"' USR1
            while [ "$i" -lt "$N" ]; do
              (( i++, sum += i ))
              save
              sleep 0.01
            done
            echo "$sum" > "$SUNSYNC_RESULT_DIR/sum.txt"
            """;

    /** Writes SIZE bytes of 'a' after a short while. */
    static final String WRITER = """
            sleep 0.05
            head -c "$SIZE" /dev/zero | tr '\\0' 'a' > "$SUNSYNC_RESULT_DIR/data.txt"
            """;
}
