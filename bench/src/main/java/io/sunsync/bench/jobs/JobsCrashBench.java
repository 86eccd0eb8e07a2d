package io.sunsync.bench.jobs;

import io.sunsync.bench.cli.BenchCommand;
import io.sunsync.bench.cli.OutFile;
import io.sunsync.bench.cli.Seed;
import io.sunsync.flight.jobs.JobRecord;
import io.sunsync.flight.jobs.JobRunner;
import io.sunsync.flight.jobs.JobState;
import io.sunsync.flight.jobs.journal.Journal;
import io.sunsync.flight.jobs.process.ProcessSignals;
import io.sunsync.flight.jobs.process.ProcessTable;
import io.sunsync.flight.jobs.results.ResultFile;
import io.sunsync.flight.jobs.results.ResultManifest;
import io.sunsync.flight.jobs.results.ResultStore;
import io.sunsync.flight.store.log.Damage;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The kill -9 loop: starts {@link JobsCrashWorkload} in a separate JVM on one data directory,
 * kills it with SIGKILL at a random point (during journal replay and recovery, or while jobs run,
 * finish and store results), and after every kill checks, from the files alone, that
 * <ul>
 *   <li>every job the child reported ACCEPTED is in the journal, exactly once (one submission
 *       sequence number per id, none shared), and nothing else is;</li>
 *   <li>no job that reached a terminal state ever left it or was started again;</li>
 *   <li>every job seen SUCCEEDED is still SUCCEEDED and its stored result matches its SHA-256
 *       manifest (unless acknowledged), and its content is right (the summer's sum, the writer's
 *       bytes, the synthetic job's id).</li>
 * </ul>
 * At the end a last child runs until every job has finished, and no job process may be left.
 * {@code ./sunsync bench jobs-crash --iterations 500} runs it as a soak and writes the counts as
 * JSON; the test suite runs a short loop of it.
 */
@Command(name = "jobs-crash", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Kills a job runner with kill -9 at random points and checks that no job or result is lost or run twice.")
public final class JobsCrashBench implements Callable<Integer> {

    @Option(names = "--iterations", defaultValue = "500", description = "kill -9 iterations (default ${DEFAULT-VALUE})")
    int iterations;

    @Mixin
    Seed seed;

    @Option(names = "--jobs-per-iteration", defaultValue = "3", description = "jobs each child submits (default ${DEFAULT-VALUE})")
    int jobsPerIteration;

    @Option(names = "--max-kill-delay-ms", defaultValue = "500",
            description = "longest wait after READY before the kill, in ms (default ${DEFAULT-VALUE})")
    int maxKillDelayMs;

    @Option(names = "--data-dir", description = "data directory (default: a new temporary directory)")
    Path dataDir;

    @Mixin
    OutFile outFile;

    public static void main(String[] args) {
        BenchCommand.exit(new JobsCrashBench(), args);
    }

    @Override
    public Integer call() throws Exception {
        Path dir = dataDir != null ? dataDir : Files.createTempDirectory("sunsync-jobs-crash");
        Options options = new Options(iterations, seed.value(), jobsPerIteration, maxKillDelayMs, dir, javaCommand(),
                System.getProperty("java.class.path"), System.out::println);
        Report report = run(options);
        Path out = outFile.write(report);
        System.out.printf("%d kill -9 iterations in %.1f s: %d jobs accepted, %d succeeded, %d results verified, "
                        + "%d torn journal tails dropped, %d orphans killed, %d violations%n",
                report.kills(), report.wallS(), report.jobsAccepted(), report.jobsSucceeded(), report.resultsVerified(),
                report.tornTailsFound(), report.orphansKilled(), report.violations().size());
        report.violations().forEach(v -> System.out.println("VIOLATION " + v));
        System.out.println("report: " + out.toAbsolutePath());
        return report.violations().isEmpty() && report.drained() ? 0 : 1;
    }

    /** The java launcher of this JVM. */
    public static String javaCommand() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /**
     * What to run.
     *
     * @param iterations        kills
     * @param seed              random seed (kill points, job mix)
     * @param jobsPerIteration  jobs each child submits
     * @param maxKillDelayMs    longest wait after READY before the kill, in ms
     * @param dataDir           the runner's data directory (fresh)
     * @param javaCommand       the java launcher for the children
     * @param classPath         their class path (flight, its dependencies and the sim harness)
     * @param progress          where to print progress lines (may discard)
     */
    public record Options(int iterations, long seed, int jobsPerIteration, int maxKillDelayMs, Path dataDir,
                          String javaCommand, String classPath, java.util.function.Consumer<String> progress) {
    }

    /**
     * What the loop found.
     *
     * @param iterations             iterations run
     * @param kills                  children killed with SIGKILL
     * @param killsDuringRecovery    kills before the child reported READY (replay, orphan kill, compaction)
     * @param killsWhileRunning      kills after READY
     * @param jobsAccepted           jobs reported ACCEPTED
     * @param jobsSucceeded          jobs SUCCEEDED at the end
     * @param resultsVerified        result checks (SHA-256 and content) passed, over all iterations
     * @param resultsAcked           results acknowledged (and deleted) at the end
     * @param tornTailsFound         journal tails torn by a kill and dropped at the next start
     * @param corruptRecordsFound    damaged records other than torn tails (expected: 0)
     * @param orphansKilled          job processes left by a killed child and killed by the next one
     * @param resultsAdopted         results whose storing a kill interrupted, finished after restart
     * @param requeuedAfterRestart   jobs requeued from their checkpoints after a restart
     * @param meanReplayMs           mean journal replay and recovery time, in ms
     * @param maxReplayMs            longest, in ms
     * @param replayMs               every replay and recovery time in order, in ms (grows with the jobs remembered)
     * @param drained                the final child finished every job and exited cleanly
     * @param violations             broken guarantees (expected: none)
     * @param wallS                  wall time of the loop, in s
     */
    public record Report(int iterations, int kills, int killsDuringRecovery, int killsWhileRunning, int jobsAccepted,
                         int jobsSucceeded, int resultsVerified, int resultsAcked, int tornTailsFound,
                         int corruptRecordsFound, long orphansKilled, int resultsAdopted, int requeuedAfterRestart,
                         double meanReplayMs, long maxReplayMs, List<Long> replayMs, boolean drained,
                         List<String> violations, double wallS) {
    }

    /** Runs the loop. */
    public static Report run(Options o) throws IOException, InterruptedException {
        Files.createDirectories(o.dataDir());
        Path data = o.dataDir().resolve("runner").toAbsolutePath().normalize();
        Checker checker = new Checker(data);
        Random rnd = new Random(o.seed());
        long t0 = System.nanoTime();
        int duringRecovery = 0;
        int whileRunning = 0;
        for (int i = 0; i < o.iterations(); i++) {
            boolean early = rnd.nextInt(4) == 0;
            int delayMs = early ? rnd.nextInt(300) : rnd.nextInt(o.maxKillDelayMs() + 1);
            Child child = Child.start(o, data, "i" + i, o.jobsPerIteration(), rnd.nextLong(), false);
            child.awaitLine(early ? "STARTING" : "READY", 60_000);
            child.collectFor(delayMs);
            boolean ready = child.seen("READY");
            child.kill9();
            if (ready) {
                whileRunning++;
            } else {
                duringRecovery++;
            }
            for (int k = 0; k < o.jobsPerIteration(); k++) {
                checker.attempted.add("i" + i + "-" + k);
            }
            checker.absorb(child.lines);
            checker.verify("after kill " + (i + 1) + (ready ? "" : " (during recovery)"));
            if ((i + 1) % 10 == 0 || i + 1 == o.iterations()) {
                o.progress().accept(String.format("jobs-crash: %d/%d kills, %d jobs accepted, %d violations",
                        i + 1, o.iterations(), checker.accepted.size(), checker.violations.size()));
            }
        }
        Child last = Child.start(o, data, "final", 0, rnd.nextLong(), true);
        boolean drained = last.awaitExit(180_000) == 0 && last.seen("DRAINED");
        checker.absorb(last.lines);
        checker.verify("after the final drain");
        checker.verifyFinal(drained);
        double wallS = (System.nanoTime() - t0) / 1e9;
        return checker.report(o.iterations(), duringRecovery, whileRunning, drained, wallS);
    }

    /** One child JVM and the lines it printed. */
    private static final class Child {
        final Process process;
        final BlockingQueue<String> queue = new LinkedBlockingQueue<>();
        final List<String> lines = new ArrayList<>();
        private static final String EOF = "\u0000EOF";

        private Child(Process process) {
            this.process = process;
            Thread reader = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
                        StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = r.readLine()) != null) {
                        queue.add(line);
                    }
                } catch (IOException ignored) {
                    // the child died; what it printed is in the queue
                } finally {
                    queue.add(EOF);
                }
            }, "crash-child-reader");
            reader.setDaemon(true);
            reader.start();
        }

        static Child start(Options o, Path data, String prefix, int submit, long seed, boolean drain) throws IOException {
            List<String> cmd = new ArrayList<>(List.of(o.javaCommand(), "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                    "-Xshare:auto", "-Xmx256m", "-Dlogback.configurationFile=" + logbackConfig(o.dataDir()),
                    "-cp", o.classPath(), JobsCrashWorkload.class.getName(), "--data-dir", data.toString(),
                    "--prefix", prefix, "--submit", Integer.toString(submit), "--seed", Long.toString(seed)));
            if (drain) {
                cmd.add("--drain");
            }
            Process p = new ProcessBuilder(cmd)
                    .redirectError(ProcessBuilder.Redirect.appendTo(o.dataDir().resolve("children.stderr.log").toFile()))
                    .start();
            return new Child(p);
        }

        private static Path logbackConfig(Path dir) throws IOException {
            Path f = dir.resolve("child-logback.xml");
            if (!Files.exists(f)) {
                Files.writeString(f, """
                        <configuration>
                          <statusListener class="ch.qos.logback.core.status.NopStatusListener"/>
                          <appender name="E" class="ch.qos.logback.core.ConsoleAppender">
                            <target>System.err</target>
                            <encoder><pattern>%d{HH:mm:ss.SSS} %-5level %logger{20} - %msg%n</pattern></encoder>
                          </appender>
                          <root level="WARN"><appender-ref ref="E"/></root>
                        </configuration>
                        """);
            }
            return f;
        }

        boolean seen(String prefix) {
            return lines.stream().anyMatch(l -> l.startsWith(prefix));
        }

        void awaitLine(String prefix, long timeoutMs) throws InterruptedException {
            long until = System.nanoTime() + timeoutMs * 1_000_000;
            while (!seen(prefix)) {
                long left = until - System.nanoTime();
                String l = left > 0 ? queue.poll(left, TimeUnit.NANOSECONDS) : null;
                if (l == null || l.equals(EOF)) {
                    if (l != null) {
                        queue.add(EOF);
                    }
                    return; // timed out or died: the checks will tell
                }
                lines.add(l);
            }
        }

        void collectFor(long ms) throws InterruptedException {
            long until = System.nanoTime() + ms * 1_000_000;
            long left;
            while ((left = until - System.nanoTime()) > 0) {
                String l = queue.poll(left, TimeUnit.NANOSECONDS);
                if (l == null) {
                    return;
                }
                if (l.equals(EOF)) {
                    queue.add(EOF);
                    return;
                }
                lines.add(l);
            }
        }

        void kill9() throws InterruptedException {
            ProcessSignals.toProcess(process.pid(), "KILL"); // kill -9
            process.waitFor();
            drainLines();
        }

        int awaitExit(long timeoutMs) throws InterruptedException {
            if (!process.waitFor(timeoutMs, TimeUnit.MILLISECONDS)) {
                kill9();
                return -1;
            }
            drainLines();
            return process.exitValue();
        }

        private void drainLines() throws InterruptedException {
            while (true) {
                String l = queue.poll(10, TimeUnit.SECONDS);
                if (l == null || l.equals(EOF)) {
                    return;
                }
                lines.add(l);
            }
        }
    }

    /** What the checks remember across kills, and the checks. */
    private static final class Checker {
        final Path data;
        final Set<String> attempted = new HashSet<>();
        final Set<String> accepted = new HashSet<>();
        final Set<String> seenSucceeded = new HashSet<>();
        final Map<String, JobRecord> seenTerminal = new HashMap<>();
        final Map<String, Long> submitSeqs = new HashMap<>();
        final List<String> violations = new ArrayList<>();
        final List<Long> replayMs = new ArrayList<>();
        int resultsVerified;
        int tornTails;
        int corrupt;
        long orphans;
        int adopted;
        int requeued;
        Map<String, JobRecord> lastLatest = Map.of();

        Checker(Path data) {
            this.data = data;
        }

        void absorb(List<String> lines) {
            for (String l : lines) {
                String[] f = l.split(" ");
                if (f[0].equals("ACCEPTED")) {
                    accepted.add(f[1]);
                } else if (f[0].equals("READY")) {
                    for (String kv : f) {
                        if (kv.startsWith("orphans=")) {
                            orphans += Long.parseLong(kv.substring(8));
                        } else if (kv.startsWith("replayMs=")) {
                            replayMs.add(Long.parseLong(kv.substring(9)));
                        }
                    }
                } else if (f[0].equals("EVENT") && f.length >= 4) {
                    if (f[1].equals("JOB_SUCCEEDED")) {
                        seenSucceeded.add(f[2]);
                        if (f[3].equals("RESULT_ADOPTED")) {
                            adopted++;
                        }
                    } else if (f[1].equals("JOB_REQUEUED") && f[3].equals("RUNNER_RESTARTED")) {
                        requeued++;
                    }
                }
            }
        }

        void verify(String when) throws IOException {
            Journal.Replay<JobRecord> r = Journal.read(data.resolve("journal"), JobRecord.class, JobRecord::id);
            for (Damage d : r.damage()) {
                if (d.kind() == Damage.Kind.TORN_TAIL) {
                    tornTails++;
                } else {
                    corrupt++;
                    violations.add(when + ": journal damage other than a torn tail: " + d);
                }
            }
            Map<String, JobRecord> latest = r.latest();
            lastLatest = latest;
            for (String id : accepted) {
                if (!latest.containsKey(id)) {
                    violations.add(when + ": accepted job " + id + " is not in the journal");
                }
            }
            Map<Long, String> bySeq = new HashMap<>();
            for (JobRecord rec : latest.values()) {
                if (!attempted.contains(rec.id())) {
                    violations.add(when + ": job " + rec.id() + " in the journal was never submitted");
                }
                String other = bySeq.put(rec.submitSeq(), rec.id());
                if (other != null) {
                    violations.add(when + ": jobs " + other + " and " + rec.id() + " share submission " + rec.submitSeq());
                }
                Long before = submitSeqs.putIfAbsent(rec.id(), rec.submitSeq());
                if (before != null && before != rec.submitSeq()) {
                    violations.add(when + ": job " + rec.id() + " was submitted twice (" + before + ", " + rec.submitSeq() + ")");
                }
            }
            Map<String, JobState> terminalInHistory = new HashMap<>();
            for (Journal.Entry<JobRecord> e : r.entries()) {
                JobRecord rec = e.record();
                if (rec.submitSeq() != submitSeqs.getOrDefault(rec.id(), rec.submitSeq())) {
                    violations.add(when + ": job " + rec.id() + " appears with two submissions in the journal");
                }
                JobState was = terminalInHistory.get(rec.id());
                if (was != null && rec.state() != was) {
                    violations.add(when + ": job " + rec.id() + " left terminal state " + was + " for " + rec.state());
                }
                if (rec.state().terminal()) {
                    terminalInHistory.put(rec.id(), rec.state());
                }
            }
            for (Map.Entry<String, JobRecord> t : seenTerminal.entrySet()) {
                JobRecord now = latest.get(t.getKey());
                if (now == null || now.state() != t.getValue().state() || now.starts() != t.getValue().starts()) {
                    violations.add(when + ": finished job " + t.getKey() + " was " + t.getValue().state() + " after "
                            + t.getValue().starts() + " starts, now " + (now == null ? "missing" : now.state() + " after "
                            + now.starts() + " starts"));
                }
            }
            for (String id : seenSucceeded) {
                JobRecord rec = latest.get(id);
                if (rec == null || rec.state() != JobState.SUCCEEDED) {
                    violations.add(when + ": job " + id + " reported SUCCEEDED is " + (rec == null ? "missing" : rec.state()));
                }
            }
            for (JobRecord rec : latest.values()) {
                if (rec.state().terminal()) {
                    seenTerminal.putIfAbsent(rec.id(), rec);
                }
                if (rec.state() == JobState.SUCCEEDED && !rec.resultAcked()) {
                    checkResult(when, rec);
                }
            }
        }

        private void checkResult(String when, JobRecord rec) throws IOException {
            ResultManifest m = rec.result();
            if (m == null) {
                violations.add(when + ": job " + rec.id() + " SUCCEEDED without a manifest");
                return;
            }
            Path files = data.resolve("results").resolve(rec.id()).resolve(ResultStore.FILES);
            List<String> problems = ResultStore.verifyFiles(files, m);
            if (!problems.isEmpty()) {
                violations.add(when + ": result of " + rec.id() + " does not verify: " + problems);
                return;
            }
            String content = switch (JobsCrashWorkload.kindOf(rec.id())) {
                case SUMMER -> {
                    long n = JobsCrashWorkload.stepsOf(rec.id());
                    String sum = Files.readString(files.resolve("sum.txt")).strip();
                    yield sum.equals(Long.toString(n * (n + 1) / 2)) ? null : "sum " + sum + " for N=" + n;
                }
                case WRITER -> {
                    ResultFile f = m.files().get(0);
                    yield f.path().equals("data.txt") && f.sizeBytes() == JobsCrashWorkload.sizeOf(rec.id())
                            ? null : "wrote " + m.files();
                }
                case SYNTHETIC -> Files.readString(files.resolve("result.json")).contains("\"jobId\":\"" + rec.id() + "\"")
                        ? null : "synthetic result names another job";
            };
            if (content != null) {
                violations.add(when + ": result of " + rec.id() + " is wrong: " + content);
            } else {
                resultsVerified++;
            }
        }

        void verifyFinal(boolean drained) throws IOException {
            if (!drained) {
                violations.add("the final child did not finish every job and exit cleanly");
            }
            for (JobRecord rec : lastLatest.values()) {
                if (rec.state() != JobState.SUCCEEDED) {
                    violations.add("at the end job " + rec.id() + " is " + rec.state() + " (" + rec.reason() + ": "
                            + rec.message() + ")");
                }
                if (rec.resultAcked() && Files.exists(data.resolve("results").resolve(rec.id()))) {
                    violations.add("at the end the acknowledged result of " + rec.id() + " is still stored");
                }
            }
            List<Long> left = ProcessTable.withEnv(JobRunner.ENV_MARKER, data.toString());
            if (!left.isEmpty()) {
                violations.add("job processes left after the final stop: " + left);
            }
        }

        Report report(int iterations, int duringRecovery, int whileRunning, boolean drained, double wallS) {
            int succeeded = (int) lastLatest.values().stream().filter(r -> r.state() == JobState.SUCCEEDED).count();
            int acked = (int) lastLatest.values().stream().filter(JobRecord::resultAcked).count();
            double mean = replayMs.stream().mapToLong(Long::longValue).average().orElse(0);
            long max = replayMs.stream().mapToLong(Long::longValue).max().orElse(0);
            return new Report(iterations, duringRecovery + whileRunning, duringRecovery, whileRunning, accepted.size(),
                    succeeded, resultsVerified, acked, tornTails, corrupt, orphans, adopted, requeued,
                    Math.round(mean * 10) / 10.0, max, List.copyOf(replayMs), drained, List.copyOf(violations),
                    Math.round(wallS * 10) / 10.0);
        }
    }
}
