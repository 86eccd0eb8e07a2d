package io.sunsync.bench.jobs;

import io.sunsync.bench.campaign.CampaignSummary;
import io.sunsync.bench.cli.BenchCommand;
import io.sunsync.bench.cli.Quick;
import io.sunsync.bench.cli.Seed;
import io.sunsync.flight.events.Event;
import io.sunsync.flight.jobs.BoardRequest;
import io.sunsync.flight.jobs.CheckSpec;
import io.sunsync.flight.jobs.ChecksConfig;
import io.sunsync.flight.jobs.JobKind;
import io.sunsync.flight.jobs.JobRunner;
import io.sunsync.flight.jobs.JobSpec;
import io.sunsync.flight.jobs.JobsConfig;
import io.sunsync.flight.jobs.ResultBundle;
import io.sunsync.flight.jobs.ResultChecks;
import io.sunsync.flight.jobs.check.ResultChecker;
import io.sunsync.hal.accel.AcceleratorBoard;
import io.sunsync.hal.time.TimeSource;
import io.sunsync.sim.SimSatellite;
import io.sunsync.sim.fault.CorruptionModel;
import io.sunsync.sim.scenario.Scenario;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Silent-data-corruption detection ({@code ./sunsync bench sdc}): flight's job runner, in process,
 * on a simulated satellite whose boards compute some work items wrong at a rate tied to the
 * radiation environment ({@code io.sunsync.sim.fault.CorruptionModel}: the South Atlantic Anomaly
 * and the polar horns raise it, boards differ, a few weak boards are far worse), keeps its boards
 * busy with synthetic jobs of work items while a ground downloads and acknowledges every result.
 * The same satellite, seed and job stream run once per checking mode: none, a verifier, and
 * sampled re-execution at a fraction. Graded against the sim's truth (which outputs it corrupted):
 * corrupted results caught before downlink and those that reached the ground, boards quarantined
 * rightly and wrongly, for each weak board the jobs it ran before its first quarantine, and the
 * compute spent on checking (work units of check runs, and the verifier's CPU time). Writes
 * {@code bench/out/sdc.json} and {@code .md}.
 *
 * <p>Options: {@code --hours H} (mission time per mode, default 6; {@code --quick}: 2), {@code
 * --boards N} (16), {@code --weak-boards N} (2), {@code --seed S} (1), {@code --fractions a,b}
 * (sampling fractions, default 0.02,0.04).
 */
@Command(name = "sdc", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Silent data corruption caught per checking mode (none, verifier, sampling): the job runner on a "
                + "sim whose boards compute some items wrong.", "--quick: 2 mission hours per mode instead of 6."})
public final class SdcBench implements Callable<Integer> {
    private static final String OWNER = "bench";
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();
    /** Items per job: the unit the verifier and the sampling work on. */
    static final int ITEMS = 50;
    /** Jobs of more than {@value} of their boards' work before a weak board's first quarantine miss the target. */
    static final int TARGET_JOBS = 20;
    static final double TARGET_CHECK_SHARE = 0.05;

    /** A verifier: every item's output must be the SHA-256 of its input; names the wrong ones (one sha256sum for all). */
    static final String VERIFIER = """
            set -e
            cd "$SUNSYNC_RESULT_DIR/items"; t=$(mktemp -d)
            for f in *; do printf '%s' "$SUNSYNC_JOB_ID:$SUNSYNC_JOB_OWNER:item:$f" > "$t/$f"; done
            (cd "$t" && sha256sum -- *) > "$t.sums"
            bad=0
            while read -r sum name; do read -r got < "$name"
              [ "$got" = "$sum" ] || { echo "$name" >> "$SUNSYNC_CHECK_REPORT"; bad=1; }
            done < "$t.sums"
            rm -rf "$t" "$t.sums"; exit $bad
            """;

    private SdcBench() {
    }

    /** A way of checking results, as the bench runs it. */
    record Mode(String name, CheckSpec check) {
    }

    @Mixin
    Quick quick;

    @Option(names = "--hours", paramLabel = "H", description = "Mission hours per checking mode (default: 6; with --quick 2).")
    Double hoursOption;

    @Option(names = "--boards", paramLabel = "N", defaultValue = "16", description = "Boards (default: ${DEFAULT-VALUE}).")
    int boards;

    @Option(names = "--weak-boards", paramLabel = "N", defaultValue = "2",
            description = "Boards far more prone to corruption (default: ${DEFAULT-VALUE}).")
    int weak;

    @Mixin
    Seed seed;

    @Option(names = "--fractions", paramLabel = "a,b", split = ",", defaultValue = "0.02,0.04",
            description = "Sampling fractions, one mode each (default: ${DEFAULT-VALUE}).")
    List<Double> fractions;

    public static void main(String[] args) {
        BenchCommand.exit(new SdcBench(), args);
    }

    @Override
    public Integer call() throws Exception {
        double hours = quick.pick(hoursOption, 6.0, 2.0);
        long seed = this.seed.value();
        List<Mode> modes = new ArrayList<>();
        modes.add(new Mode("none", null));
        modes.add(new Mode("verifier", new CheckSpec(ITEMS, new CheckSpec.Verifier(List.of("bash", "-c", VERIFIER), 60.0), null)));
        for (double f : fractions) {
            modes.add(new Mode(String.format(Locale.ROOT, "sample %.0f %%", f * 100), new CheckSpec(ITEMS, null,
                    new CheckSpec.Sample(f))));
        }
        Scenario.SilentCorruption sdc = new Scenario.SilentCorruption(1e-6, 0.5, weak, 30_000.0);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("boards", boards);
        out.put("missionHoursPerMode", hours);
        out.put("seed", seed);
        out.put("itemsPerJob", ITEMS);
        out.put("silentCorruption", Map.of("perWorkUnit", sdc.perWorkUnit(), "spread", sdc.spread(),
                "weakBoards", sdc.weakBoards(), "weakFactor", sdc.weakFactor()));
        List<Map<String, Object>> rows = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (Mode m : modes) {
            Map<String, Object> row = new SdcRun(m, boards, sdc, seed, hours).run();
            rows.add(row);
            System.out.println("sdc bench: " + row);
            grade(m, row, problems);
        }
        out.put("modes", rows);
        out.put("problems", problems);
        CampaignSummary.write("sdc", out, Set.of("modes"), table(rows), problems);
        return problems.isEmpty() ? 0 : 1;
    }

    private static void grade(Mode m, Map<String, Object> row, List<String> problems) {
        if (m.check() == null) {
            return;
        }
        if (m.check().verifier() != null && ((Number) row.get("corruptedReachedGround")).longValue() > 0) {
            problems.add(m.name() + ": " + row.get("corruptedReachedGround") + " corrupted results reached the ground");
        }
        if (m.check().sample() != null) {
            if ((Double) row.get("checkComputeShare") > TARGET_CHECK_SHARE) {
                problems.add(m.name() + ": " + row.get("checkComputeShare") + " of the compute spent on checking");
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> weak = (Map<String, Object>) row.get("weakBoardJobsToQuarantine");
            weak.forEach((b, n) -> {
                if (!(n instanceof Number x) || x.intValue() > TARGET_JOBS) {
                    problems.add(m.name() + ": weak board " + b + " ran " + n + " jobs before its first quarantine (target <= "
                            + TARGET_JOBS + ")");
                }
            });
        }
    }

    private static String table(List<Map<String, Object>> rows) {
        StringBuilder md = new StringBuilder("\n| mode | results | corrupted | caught before downlink | reached the ground "
                + "| quarantined right / wrong (boards) | weak boards: jobs to 1st quarantine | isolated | checking compute "
                + "| verifier CPU | wall |\n|---|---:|---:|---:|---:|---:|---|---|---:|---:|---:|\n");
        for (Map<String, Object> r : rows) {
            md.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s / %s | %s | %s | %.2f %% | %s ms | %s s |%n",
                    r.get("mode"), r.get("resultsProduced"), r.get("corruptedProduced"), r.get("corruptedCaught"),
                    r.get("corruptedReachedGround"), r.get("boardsQuarantinedRightly"), r.get("boardsQuarantinedWrongly"),
                    r.get("weakBoardJobsToQuarantine"), r.get("boardsIsolated"), 100 * (Double) r.get("checkComputeShare"),
                    r.get("verifierCpuMs"), r.get("wallS")));
        }
        return md.toString();
    }

    /** One mode's run: its own satellite, runner and ground; not thread safe. */
    static final class SdcRun {
        private final Mode mode;
        private final int boardCount;
        private final Scenario scenario;
        private final double hours;
        private final SplittableRandom random;
        private final List<Event> pendingEvents = new ArrayList<>();
        // what the ground and the grader know
        private final Set<String> unstarted = new LinkedHashSet<>();
        private final List<String> toDownload = new ArrayList<>();
        private final Map<String, Boolean> lastAttemptCorrupted = new HashMap<>();
        private final Map<String, Integer> jobsStartedOn = new TreeMap<>();
        private final Map<String, Integer> jobsToFirstQuarantine = new TreeMap<>();
        private final List<String[]> quarantines = new ArrayList<>();
        private final Set<String> isolated = new HashSet<>();
        private long produced;
        private long corruptedProduced;
        private long caught;
        private long falseAlarms;
        private long missedByCheck;
        private long reachedGround;
        private long downloaded;
        private long checkErrors;
        private double primaryWork;
        private double checkWork;
        private double recomputedWork;
        private final Map<String, Double> attemptWork = new HashMap<>();
        private int counter;

        SdcRun(Mode mode, int boards, Scenario.SilentCorruption sdc, long seed, double hours) {
            this.mode = mode;
            this.boardCount = boards;
            Scenario base = Scenario.reference().with(null, seed, boards, null).idealised();
            Scenario.Radiation r = base.radiation();
            // Only silent corruption: no upsets that hang boards (nothing here would reset them).
            this.scenario = base.withRadiation(new Scenario.Radiation(0.0, r.saaFactor(), r.hornFactor(), r.hangFraction(),
                    sdc)).withDuration(hours * 3600 + 600);
            this.hours = hours;
            this.random = new SplittableRandom(seed * 31 + 7);
        }

        Map<String, Object> run() throws IOException {
            long t0 = System.nanoTime();
            SimSatellite sat = new SimSatellite(scenario);
            List<AcceleratorBoard> boards = new ArrayList<>(sat.boards());
            Path shm = Path.of("/dev/shm");
            Path dir = Files.createTempDirectory(Files.isDirectory(shm) && Files.isWritable(shm) ? shm : Path.of(
                    System.getProperty("java.io.tmpdir")), "sunsync-sdc-");
            JobsConfig cfg = new JobsConfig(dir.resolve("jobs").toString(), 1.0, null, null, null, null, 64L * 1024, null,
                    null, null, null, null, 200, null, ChecksConfig.defaults());
            TimeSource time = new TimeSource() {
                @Override
                public Instant now() {
                    return sat.now();
                }

                @Override
                public void awaitUntil(Instant instant) {
                    sat.advanceTo(instant);
                }
            };
            ResultChecker checker = new ResultChecker(cfg.checks(), dir.resolve("jobs/quarantine.json"), pendingEvents::add,
                    (board, why) -> isolated.add(board));
            JobRunner runner = new JobRunner(cfg, dir.resolve("jobs"), boards, time, pendingEvents::add,
                    mode.check() == null ? ResultChecks.NONE : checker);
            runner.start();
            Instant end = sat.now().plusSeconds(Math.round(hours * 3600));
            while (sat.now().isBefore(end)) {
                while (unstarted.size() < boardCount) {
                    submit(runner);
                }
                Instant next = sat.now().plusSeconds(1);
                sat.advanceTo(next);
                runner.tick(next);
                for (Event e : new ArrayList<>(pendingEvents)) {
                    onEvent(e, runner, dir.resolve("jobs"));
                }
                pendingEvents.clear();
                for (String id : toDownload) {
                    download(runner, id);
                }
                toDownload.clear();
            }
            ResultChecker.Stats stats = checker.stats(sat.now());
            runner.stop();
            io.sunsync.flight.jobs.results.ResultStore.deleteTree(dir);

            Set<String> truth = new HashSet<>();
            long truthCorruptions = 0;
            for (CorruptionModel.Corruption c : sat.corruptions()) {
                String input = c.input();
                truth.add(Scenario.boardId(c.board()) + "|" + input.substring(0, input.indexOf(':')));
                truthCorruptions++;
            }
            Set<String> right = new java.util.TreeSet<>();
            Set<String> wrong = new java.util.TreeSet<>();
            long rightEvents = 0;
            for (String[] q : quarantines) {
                if (truth.contains(q[0] + "|" + q[1])) {
                    right.add(q[0]);
                    rightEvents++;
                } else {
                    wrong.add(q[0]);
                }
            }
            Map<String, Object> weakJobs = new TreeMap<>();
            for (int w : sat.weakBoards()) {
                String b = Scenario.boardId(w);
                Integer n = jobsToFirstQuarantine.get(b);
                weakJobs.put(b, n != null ? n : "not quarantined after " + jobsStartedOn.getOrDefault(b, 0) + " jobs");
            }
            double share = checkWork / Math.max(1e-9, primaryWork + checkWork);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("mode", mode.name());
            row.put("resultsProduced", produced);
            row.put("corruptedProduced", corruptedProduced);
            row.put("corruptedCaught", caught);
            row.put("corruptedMissedByCheck", missedByCheck);
            row.put("corruptedReachedGround", reachedGround);
            row.put("correctResultsFailedByCheck", falseAlarms);
            row.put("resultsDownloaded", downloaded);
            row.put("checkErrors", checkErrors);
            row.put("wrongOutputsInTheSim", truthCorruptions);
            row.put("quarantineEvents", quarantines.size());
            row.put("quarantineEventsRight", rightEvents);
            row.put("boardsQuarantinedRightly", right.size());
            row.put("boardsQuarantinedWrongly", wrong.size());
            row.put("boardsQuarantinedWronglyList", List.copyOf(wrong));
            row.put("weakBoards", sat.weakBoards().stream().map(Scenario::boardId).toList());
            row.put("weakBoardJobsToQuarantine", weakJobs);
            row.put("boardsIsolated", new java.util.TreeSet<>(isolated));
            row.put("primaryWorkUnits", Math.round(primaryWork));
            row.put("checkWorkUnits", Math.round(checkWork));
            row.put("recomputedWorkUnits", Math.round(recomputedWork));
            row.put("checkComputeShare", Math.round(share * 100000) / 100000.0);
            row.put("verifierCpuMs", stats.verifierMs());
            row.put("checksPassed", stats.passed());
            row.put("checksFailed", stats.failed());
            row.put("wallS", Math.round((System.nanoTime() - t0) / 1e8) / 10.0);
            return row;
        }

        private void submit(JobRunner runner) {
            String id = "j" + (++counter);
            double work = 100 + random.nextInt(201);
            int n = random.nextInt(5) == 0 ? 2 : 1;
            JobSpec spec = new JobSpec(id, OWNER, 50, null, new BoardRequest(n, null), work, null, JobKind.SYNTHETIC, null,
                    false, mode.check());
            if (!runner.submit(spec).accepted()) {
                throw new IllegalStateException("job " + id + " refused");
            }
            unstarted.add(id);
        }

        private void onEvent(Event e, JobRunner runner, Path jobsDir) throws IOException {
            String job = String.valueOf(e.data().get("jobId"));
            boolean checkRun = job.contains("#check-");
            switch (e.code()) {
                case "JOB_STARTED" -> {
                    if (!checkRun) {
                        unstarted.remove(job);
                        @SuppressWarnings("unchecked")
                        List<String> bs = (List<String>) e.data().get("boards");
                        for (String b : bs) {
                            jobsStartedOn.merge(b, 1, Integer::sum);
                        }
                    }
                }
                case "JOB_REQUEUED" -> {
                    if (!checkRun) {
                        unstarted.add(job);
                    }
                }
                case "JOB_EXITED" -> {
                    double w = ((Number) e.data().getOrDefault("workUnits", 0.0)).doubleValue();
                    if (checkRun) {
                        checkWork += w;
                    } else {
                        primaryWork += w;
                        attemptWork.put(job, w);
                    }
                }
                case "JOB_CHECKING" -> judgeStored(job, jobsDir);
                case "RESULT_CHECK_FAILED" -> {
                    recomputedWork += attemptWork.getOrDefault(job, 0.0);
                    if (Boolean.TRUE.equals(lastAttemptCorrupted.get(job))) {
                        caught++;
                    } else {
                        falseAlarms++;
                    }
                }
                case "RESULT_CHECK_PASSED" -> {
                    if (Boolean.TRUE.equals(lastAttemptCorrupted.get(job))) {
                        missedByCheck++;
                    }
                }
                case "JOB_SUCCEEDED" -> {
                    if (!checkRun) {
                        if (mode.check() == null) {
                            judgeStored(job, jobsDir);
                        }
                        toDownload.add(job);
                    }
                }
                case "JOB_FAILED" -> {
                    if (!checkRun && "CHECK_ERROR".equals(e.data().get("reason"))) {
                        checkErrors++;
                    }
                }
                case "BOARD_QUARANTINED" -> {
                    String b = String.valueOf(e.data().get("board"));
                    quarantines.add(new String[] {b, String.valueOf(e.data().get("jobId"))});
                    jobsToFirstQuarantine.putIfAbsent(b, jobsStartedOn.getOrDefault(b, 0));
                }
                default -> {
                }
            }
        }

        /** Whether the stored result of {@code job}'s latest attempt holds a wrong output (the truth: recomputed here). */
        private void judgeStored(String job, Path jobsDir) throws IOException {
            produced++;
            boolean bad = wrongOutputs(jobsDir.resolve("results").resolve(job).resolve("files"), job) > 0;
            lastAttemptCorrupted.put(job, bad);
            if (bad) {
                corruptedProduced++;
            }
        }

        private void download(JobRunner runner, String job) throws IOException {
            ResultBundle b = runner.openResult(job).orElse(null);
            if (b == null) {
                return;
            }
            downloaded++;
            if (wrongOutputs(b.filesDir(), job) > 0) {
                reachedGround++;
            }
            runner.ackResult(job);
        }

        /** Outputs in the result folder {@code files} of {@code job} that are not what they should be. */
        private static int wrongOutputs(Path files, String job) throws IOException {
            int wrong = 0;
            Path items = files.resolve("items");
            if (Files.isDirectory(items)) {
                try (var ls = Files.list(items)) {
                    for (Path p : ls.toList()) {
                        String want = sha256Hex(job + ":" + OWNER + ":item:" + p.getFileName()) + "\n";
                        if (!Files.readString(p).equals(want)) {
                            wrong++;
                        }
                    }
                }
            } else {
                var body = JSON.readTree(Files.readString(files.resolve("result.json")));
                String input = job + ":" + OWNER + ":" + body.path("workUnits").asDouble();
                if (!body.path("digest").asText().equals(sha256Hex(input))) {
                    wrong++;
                }
            }
            return wrong;
        }

        private static String sha256Hex(String s) {
            try {
                return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
