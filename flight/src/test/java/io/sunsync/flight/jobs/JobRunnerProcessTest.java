package io.sunsync.flight.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.sunsync.flight.jobs.process.ProcessTable;
import io.sunsync.flight.jobs.results.ResultFile;
import io.sunsync.hal.accel.BoardState;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The runner with real child processes (bash) on fake boards. */
class JobRunnerProcessTest extends RunnerOnFourBoards {
    private List<Long> jobProcesses() {
        return ProcessTable.withEnv(JobRunner.ENV_MARKER, fx.runner.dataDir().toString());
    }

    /** The summer's second start began where its checkpoint left off, not at 0. */
    private static void assertResumedFromCheckpoint(Path result) throws Exception {
        List<String> starts = Files.readAllLines(result.resolve("starts.log"));
        assertThat(starts).hasSize(2);
        assertThat(starts.get(0)).isEqualTo("start 1 from 0");
        assertThat(starts.get(1)).startsWith("start 2 from ");
        assertThat(Integer.parseInt(starts.get(1).substring("start 2 from ".length()))).isGreaterThanOrEqualTo(5);
    }

    private void release(String jobId) throws Exception {
        Files.writeString(fx.runner.jobDir(jobId).resolve("release"), "go");
    }

    @Test
    void aJobRunsOnItsBoardsAndItsResultIsStoredWithChecksums() throws Exception {
        JobSpec spec = new JobSpec("env-1", "team-a", 50, null, new BoardRequest(2, null), null, null, JobKind.PROCESS,
                new ProcessSpec(List.of("bash", "-c", Specs.WRITE_RESULT), Map.of("GREETING", "hello"), null), false);
        assertThat(fx.runner.submit(spec).accepted()).isTrue();

        fx.stepUntilState("env-1", JobState.SUCCEEDED);

        JobStatus st = fx.status("env-1");
        assertThat(st.reason()).isEqualTo(JobReason.COMPLETED);
        assertThat(st.resultAwaitingAck()).isTrue();
        assertThat(fx.runner.pendingResults()).extracting(ResultSummary::jobId).containsExactly("env-1");
        ResultBundle bundle = fx.runner.openResult("env-1").orElseThrow();
        assertThat(bundle.files()).extracting(ResultFile::path).containsExactly("data.bin", "env.txt", "sub/x.txt");
        for (ResultFile f : bundle.files()) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            try (InputStream in = bundle.open(f)) {
                byte[] bytes = in.readAllBytes();
                assertThat((long) bytes.length).isEqualTo(f.sizeBytes());
                assertThat(HexFormat.of().formatHex(md.digest(bytes))).isEqualTo(f.sha256());
            }
        }
        String env = Files.readString(bundle.pathOf(bundle.files().get(1))).strip();
        assertThat(env).isEqualTo("0,1|env-1|board-0,board-1|hello|1|" + fx.runner.jobDir("env-1").resolve("work"));
        assertThat(fx.eventCodes("env-1")).containsSubsequence("JOB_SUBMITTED", "JOB_STARTED", "JOB_SUCCEEDED");
        fx.stepUntil(() -> !Files.exists(fx.runner.jobDir("env-1"))); // removed once its process group is gone

        assertThat(fx.runner.ackResult("env-1").ok()).isTrue();
        assertThat(fx.runner.pendingResults()).isEmpty();
        assertThat(bundle.filesDir()).doesNotExist();
        assertThat(fx.runner.ackResult("env-1").error()).isEqualTo(ControlError.NO_RESULT);
    }

    @Test
    void aCrashingJobFailsWithItsExitCodeAndStderr() {
        fx.runner.submit(Specs.process("crash-1", Specs.CRASH));

        fx.stepUntilState("crash-1", JobState.FAILED);

        JobStatus st = fx.status("crash-1");
        assertThat(st.reason()).isEqualTo(JobReason.EXIT_NONZERO);
        assertThat(st.message()).contains("exit code 3").contains("fatal: out of cheese");
        assertThat(fx.runner.pendingResults()).isEmpty();
        assertThat(fx.events(e -> e.code().equals("JOB_FAILED"))).hasSize(1);
    }

    @Test
    void cancellingAHungJobThatIgnoresSigtermKillsItsWholeProcessTree() {
        fx.runner.submit(Specs.process("hang-1", Specs.HANG_IGNORING_TERM));
        fx.stepUntil(() -> fx.status("hang-1").state() == JobState.RUNNING && jobProcesses().size() >= 2);

        assertThat(fx.runner.cancel("hang-1", "operator gave up").ok()).isTrue();

        assertThat(fx.status("hang-1").state()).isEqualTo(JobState.CANCELLED);
        assertThat(fx.status("hang-1").reason()).isEqualTo(JobReason.CANCELLED_BY_COMMAND);
        // SIGTERM is ignored; SIGKILL follows after killGraceS (1 s) on a later tick.
        fx.stepUntil(() -> jobProcesses().isEmpty());
        assertThat(fx.runner.cancel("hang-1", "again").error()).isEqualTo(ControlError.WRONG_STATE);
    }

    @Test
    void aHungJobExpiresAtItsDeadline() {
        fx.runner.submit(Specs.withDeadline(Specs.process("late-1", Specs.HANG), RunnerFixture.EPOCH.plusSeconds(5)));

        fx.stepUntilState("late-1", JobState.EXPIRED);

        assertThat(fx.status("late-1").reason()).isEqualTo(JobReason.DEADLINE_PASSED);
        assertThat(fx.time.now()).isAfterOrEqualTo(RunnerFixture.EPOCH.plusSeconds(5));
        fx.stepUntil(() -> jobProcesses().isEmpty());
    }

    @Test
    void aJobSpammingOutputKeepsItsLogsBoundedAndNeverBlocks() throws Exception {
        fx.runner.submit(Specs.process("spam-1", Specs.SPAM));
        Path work = fx.runner.jobDir("spam-1").resolve("work");
        fx.stepUntil(() -> Files.exists(work.resolve("spammed")));

        Path logs = fx.runner.jobDir("spam-1").resolve("logs");
        long max = fx.config.maxLogBytes();
        assertThat(Files.size(logs.resolve("stdout.log"))).isLessThanOrEqualTo(max);
        assertThat(Files.size(logs.resolve("stdout.log.1"))).isEqualTo(max);
        assertThat(Files.readString(logs.resolve("stderr.log"))).contains("spam on stderr");
        release("spam-1");
        fx.stepUntilState("spam-1", JobState.SUCCEEDED);
    }

    @Test
    void suspendStopsTheProcessAndResumeContinuesIt() throws Exception {
        fx.runner.submit(Specs.process("count-1", Specs.COUNT_UNTIL_RELEASED));
        Path count = fx.runner.jobDir("count-1").resolve("work").resolve("count");
        fx.stepUntil(() -> Files.exists(count));
        long pid = jobProcesses().stream().filter(p -> ProcessTable.processGroup(p).orElse(-1) == p).findFirst().orElseThrow();

        assertThat(fx.runner.suspend("count-1", "eclipse: shedding load").ok()).isTrue();

        assertThat(fx.status("count-1").state()).isEqualTo(JobState.SUSPENDED);
        assertThat(fx.runner.runningJobs()).singleElement().satisfies(j -> {
            assertThat(j.suspendCause()).isEqualTo(SuspendCause.COMMANDED);
            assertThat(j.boardIds()).containsExactly("board-0");
        });
        fx.stepUntil(() -> ProcessTable.state(pid) == 'T');
        String frozen = Files.readString(count);
        for (int i = 0; i < 10; i++) {
            fx.step();
        }
        assertThat(Files.readString(count)).isEqualTo(frozen);
        assertThat(fx.runner.resume("count-1").ok()).isTrue();
        fx.stepUntil(() -> !Files.readString(count).equals(frozen));
        assertThat(fx.status("count-1").state()).isEqualTo(JobState.RUNNING);
        assertThat(fx.runner.resume("count-1").error()).isEqualTo(ControlError.WRONG_STATE);
        release("count-1");
        fx.stepUntilState("count-1", JobState.SUCCEEDED);
        assertThat(fx.eventCodes("count-1")).containsSubsequence("JOB_STARTED", "JOB_SUSPENDED", "JOB_RESUMED", "JOB_SUCCEEDED");
    }

    @Test
    void aCheckpointRequestIsAcknowledgedByTheJobAndItRunsOn() throws Exception {
        fx.runner.submit(Specs.summerSpec("sum-1", 50, 40, Map.of()));
        fx.stepUntil(() -> Files.exists(fx.runner.jobDir("sum-1").resolve("checkpoint").resolve("state")));

        assertThat(fx.runner.requestCheckpoint("sum-1").ok()).isTrue();
        assertThat(fx.status("sum-1").state()).isEqualTo(JobState.CHECKPOINTING);
        fx.stepUntil(() -> fx.status("sum-1").checkpoints() == 1);

        assertThat(fx.status("sum-1").state()).isEqualTo(JobState.RUNNING);
        assertThat(fx.status("sum-1").reason()).isEqualTo(JobReason.CHECKPOINTED);
        fx.stepUntilState("sum-1", JobState.SUCCEEDED);
        Path sum = fx.runner.openResult("sum-1").orElseThrow().filesDir().resolve("sum.txt");
        assertThat(Files.readString(sum).strip()).isEqualTo("820");
        assertThat(fx.eventCodes("sum-1")).containsSubsequence("JOB_CHECKPOINT_REQUESTED", "JOB_CHECKPOINTED", "JOB_SUCCEEDED");
    }

    @Test
    void aJobKilledByTheCheckpointSignalBeforeItHandlesItIsRequeuedNotFailed() {
        // Installs its SIGUSR1 handler only after half a second: found by the kill -9 loop.
        String late = "sleep 0.5; trap 'echo ok > \"$SUNSYNC_CHECKPOINT_ACK\"' USR1; echo done > \"$SUNSYNC_RESULT_DIR/r.txt\"";
        fx.runner.submit(Specs.process("late", 50, 1, true, late));
        fx.step();

        assertThat(fx.runner.requestCheckpoint("late").ok()).isTrue();
        fx.stepUntilState("late", JobState.SUCCEEDED);

        assertThat(fx.status("late").starts()).isEqualTo(2);
        assertThat(fx.events(e -> e.code().equals("JOB_REQUEUED"))).singleElement()
                .satisfies(e -> assertThat(e.data()).containsEntry("reason", "CHECKPOINT_SIGNAL_UNHANDLED"));
    }

    @Test
    void aCheckpointRequestToAJobWithoutCheckpointSupportIsRefused() {
        fx.runner.submit(Specs.process("plain-1", Specs.HANG));
        fx.stepUntilState("plain-1", JobState.RUNNING);

        assertThat(fx.runner.requestCheckpoint("plain-1").error()).isEqualTo(ControlError.NOT_CHECKPOINTABLE);
        assertThat(fx.runner.requestCheckpoint("nobody").error()).isEqualTo(ControlError.UNKNOWN_JOB);
    }

    @Test
    void aHigherPriorityJobPreemptsACheckpointableOneWhichResumesFromItsCheckpoint() throws Exception {
        fx.boards.subList(1, 4).forEach(b -> b.state = BoardState.DISABLED); // one usable board
        fx.runner.submit(Specs.summerSpec("low", 10, 30, Map.of()));
        Path state = fx.runner.jobDir("low").resolve("checkpoint").resolve("state");
        fx.stepUntil(() -> Files.exists(state) && Integer.parseInt(Files.readString(state).split(" ")[0]) >= 5);

        fx.runner.submit(Specs.process("high", 90, 1, false, Specs.WRITE_RESULT));
        fx.step();
        assertThat(fx.status("low").state()).isEqualTo(JobState.CHECKPOINTING);
        fx.stepUntilState("high", JobState.SUCCEEDED);
        fx.stepUntilState("low", JobState.SUCCEEDED);

        assertThat(fx.eventCodes("low")).containsSubsequence("JOB_STARTED", "JOB_CHECKPOINT_REQUESTED", "JOB_REQUEUED",
                "JOB_STARTED", "JOB_SUCCEEDED");
        JobStatus low = fx.status("low");
        assertThat(low.starts()).isEqualTo(2);
        assertThat(low.checkpoints()).isGreaterThanOrEqualTo(1);
        Path result = fx.runner.openResult("low").orElseThrow().filesDir();
        assertThat(Files.readString(result.resolve("sum.txt")).strip()).isEqualTo("465");
        assertResumedFromCheckpoint(result);
    }

    @Test
    void aJobThatExitsWithCode75AfterCheckpointingIsRequeuedAndResumes() throws Exception {
        fx.boards.subList(1, 4).forEach(b -> b.state = BoardState.DISABLED);
        fx.runner.submit(Specs.summerSpec("low75", 10, 25, Map.of("CHECKPOINT_EXIT", "1", "WAIT_RELEASE", "1")));
        Path state = fx.runner.jobDir("low75").resolve("checkpoint").resolve("state");
        fx.stepUntil(() -> Files.exists(state));

        fx.runner.submit(Specs.process("high75", 90, 1, false, Specs.WRITE_RESULT));
        fx.stepUntilState("high75", JobState.SUCCEEDED);
        release("low75");
        fx.stepUntilState("low75", JobState.SUCCEEDED);

        Path starts = fx.runner.openResult("low75").orElseThrow().filesDir().resolve("sum.txt");
        assertThat(Files.readString(starts).strip()).isEqualTo("325");
        assertThat(fx.status("low75").starts()).isEqualTo(2);
    }

    @Test
    void aJobWithoutCheckpointSupportIsSuspendedForAHigherOneAndResumedAfterIt() throws Exception {
        fx.boards.subList(1, 4).forEach(b -> b.state = BoardState.DISABLED);
        fx.runner.submit(Specs.process("victim", 10, 1, false, Specs.COUNT_UNTIL_RELEASED));
        fx.stepUntil(() -> Files.exists(fx.runner.jobDir("victim").resolve("work").resolve("count")));

        fx.runner.submit(Specs.process("boss", 90, 1, false, Specs.WRITE_RESULT));
        fx.step();
        assertThat(fx.status("victim").state()).isEqualTo(JobState.SUSPENDED);
        assertThat(fx.status("victim").reason()).isEqualTo(JobReason.PREEMPTED);
        assertThat(fx.runner.resume("victim").error()).isEqualTo(ControlError.WRONG_STATE);
        fx.stepUntilState("boss", JobState.SUCCEEDED);
        fx.stepUntilState("victim", JobState.RUNNING);
        assertThat(fx.status("victim").reason()).isEqualTo(JobReason.RESUMED);
        assertThat(fx.status("victim").starts()).isEqualTo(1);
        release("victim");
        fx.stepUntilState("victim", JobState.SUCCEEDED);
    }

    @Test
    void aJobOnABoardThatHangsIsRequeuedOnAnotherBoardFromItsCheckpoint() throws Exception {
        fx.runner.submit(Specs.summerSpec("moved", 50, 30, Map.of()));
        Path state = fx.runner.jobDir("moved").resolve("checkpoint").resolve("state");
        fx.stepUntil(() -> Files.exists(state) && Integer.parseInt(Files.readString(state).split(" ")[0]) >= 5);
        assertThat(fx.status("moved").boardIds()).containsExactly("board-0");

        fx.boards.get(0).state = BoardState.HUNG;
        fx.step();

        assertThat(fx.status("moved").reason()).isIn(JobReason.BOARD_LOST, JobReason.STARTED);
        fx.stepUntil(() -> fx.status("moved").starts() == 2);
        assertThat(fx.status("moved").boardIds()).containsExactly("board-1");
        fx.stepUntilState("moved", JobState.SUCCEEDED);
        assertThat(fx.eventCodes("moved")).containsSubsequence("JOB_STARTED", "JOB_REQUEUED", "JOB_STARTED", "JOB_SUCCEEDED");
        Path result = fx.runner.openResult("moved").orElseThrow().filesDir();
        assertThat(Files.readString(result.resolve("sum.txt")).strip()).isEqualTo("465");
        assertResumedFromCheckpoint(result);
    }

    @Test
    void aMissingProgramFailsTheLaunchAndAJobWithoutResultFails() {
        JobSpec missing = new JobSpec("nope-1", "team-a", 50, null, new BoardRequest(1, null), null, null, JobKind.PROCESS,
                new ProcessSpec(List.of("/no/such/program"), null, null), false);
        fx.runner.submit(missing);
        fx.runner.submit(Specs.process("empty-1", "exit 0"));

        fx.stepUntil(() -> fx.status("nope-1").state().terminal() && fx.status("empty-1").state().terminal());

        assertThat(fx.status("nope-1").reason()).isEqualTo(JobReason.LAUNCH_FAILED);
        assertThat(fx.status("empty-1").reason()).isEqualTo(JobReason.NO_RESULT);
        assertThat(fx.status("empty-1").state()).isEqualTo(JobState.FAILED);
    }

    @Test
    void aResultHoldingASymbolicLinkIsRefused() {
        fx.runner.submit(Specs.process("link-1", "ln -s /etc/passwd \"$SUNSYNC_RESULT_DIR/passwd\""));

        fx.stepUntilState("link-1", JobState.FAILED);

        assertThat(fx.status("link-1").reason()).isEqualTo(JobReason.RESULT_INVALID);
    }

    @Test
    void higherPriorityRunsFirstAndEarlierDeadlineBreaksTies() {
        fx.boards.subList(1, 4).forEach(b -> b.state = BoardState.DISABLED);
        fx.runner.submit(Specs.process("blocker", 50, 1, false, Specs.WRITE_RESULT));
        fx.step();
        fx.runner.submit(Specs.process("p10", 10, 1, false, Specs.WRITE_RESULT));
        fx.runner.submit(Specs.withDeadline(Specs.process("p40-late", 40, 1, false, Specs.WRITE_RESULT),
                RunnerFixture.EPOCH.plusSeconds(3600)));
        fx.runner.submit(Specs.withDeadline(Specs.process("p40-soon", 40, 1, false, Specs.WRITE_RESULT),
                RunnerFixture.EPOCH.plusSeconds(600)));

        fx.stepUntil(() -> fx.runner.list().stream().allMatch(s -> s.state() == JobState.SUCCEEDED));

        List<String> order = fx.events(e -> e.code().equals("JOB_STARTED")).stream()
                .map(e -> (String) e.data().get("jobId")).toList();
        assertThat(order).containsExactly("blocker", "p40-soon", "p40-late", "p10");
    }

    @Test
    void aFinishedResultAndAQueuedJobSurviveARestart() throws Exception {
        fx.runner.submit(Specs.process("done-1", Specs.WRITE_RESULT));
        fx.stepUntilState("done-1", JobState.SUCCEEDED);
        fx.boards.forEach(b -> b.state = BoardState.DISABLED);
        fx.runner.submit(Specs.process("queued-1", Specs.WRITE_RESULT));
        fx.step();

        fx.restart();

        assertThat(fx.status("queued-1").state()).isEqualTo(JobState.QUEUED);
        assertThat(fx.runner.pendingResults()).extracting(ResultSummary::jobId).containsExactly("done-1");
        assertThat(fx.runner.openResult("done-1")).isPresent();
        assertThat(fx.runner.submit(Specs.process("done-1", Specs.WRITE_RESULT)).reason())
                .isEqualTo(JobRejectReason.DUPLICATE_ID);
        fx.boards.forEach(b -> b.state = BoardState.ENABLED);
        fx.stepUntilState("queued-1", JobState.SUCCEEDED);
        assertThat(fx.status("done-1").starts()).isEqualTo(1);
        assertThat(fx.events(e -> e.code().equals("JOBS_RECOVERED"))).hasSize(2);
    }

    @Test
    void aRunningJobIsRestartedFromItsCheckpointAfterARunnerRestart() throws Exception {
        fx.runner.submit(Specs.summerSpec("survivor", 50, 30, Map.of()));
        Path state = fx.runner.jobDir("survivor").resolve("checkpoint").resolve("state");
        fx.stepUntil(() -> Files.exists(state) && Integer.parseInt(Files.readString(state).split(" ")[0]) >= 5);

        fx.restart();

        assertThat(fx.status("survivor").state()).isEqualTo(JobState.QUEUED);
        assertThat(fx.status("survivor").reason()).isEqualTo(JobReason.RUNNER_RESTARTED);
        fx.stepUntilState("survivor", JobState.SUCCEEDED);
        Path dirOfResult = fx.runner.openResult("survivor").orElseThrow().filesDir();
        assertThat(Files.readString(dirOfResult.resolve("sum.txt")).strip()).isEqualTo("465");
        assertResumedFromCheckpoint(dirOfResult);
    }

    @Test
    void orphansOfAPreviousRunAreKilledAtStart() throws Exception {
        fx.close();
        // A process carrying this data directory's marker, as a killed runner would leave behind.
        ProcessBuilder pb = new ProcessBuilder("setsid", "bash", "-c", Specs.HANG_IGNORING_TERM);
        pb.environment().put(JobRunner.ENV_MARKER, fx.runner.dataDir().toString());
        Process orphan = pb.start();
        // Until the child has exec'd, /proc shows the JVM's environment, without the marker.
        Path environ = Path.of("/proc", Long.toString(orphan.pid()), "environ");
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5)).until(() ->
                new String(Files.readAllBytes(environ), java.nio.charset.StandardCharsets.UTF_8).contains(JobRunner.ENV_MARKER));
        fx.runner = fx.newRunner();

        fx.runner.start();

        assertThat(orphan.waitFor(5, TimeUnit.SECONDS)).as("orphan killed").isTrue();
        assertThat(jobProcesses()).isEmpty();
        assertThat(fx.events(e -> e.code().equals("JOB_ORPHANS_KILLED"))).hasSize(1);
    }

    @Test
    void anOwnerOverItsQuotaIsRefusedAndItsBoardLimitHoldsJobsInTheQueue() {
        Path data = dir.resolve("quota");
        JobsConfig cfg = new JobsConfig(data.toString(), 1.0, Map.of("team-q", new OwnerQuota(3, 1)), null, null, null,
                null, 2.0, 1.0, null, null, null, null);
        restartWith(cfg);
        for (int i = 0; i < 3; i++) {
            assertThat(fx.runner.submit(Specs.withOwner(Specs.process("q" + i, Specs.HANG), "team-q")).accepted()).isTrue();
        }

        SubmitResult fourth = fx.runner.submit(Specs.withOwner(Specs.process("q3", Specs.HANG), "team-q"));
        for (int i = 0; i < 3; i++) {
            fx.step();
        }

        assertThat(fourth.reason()).isEqualTo(JobRejectReason.QUOTA_EXCEEDED);
        assertThat(fx.runner.runningJobs()).hasSize(1);
        assertThat(fx.runner.list().stream().filter(s -> s.state() == JobState.QUEUED)).hasSize(2);
        assertThat(fx.events(e -> e.code().equals("JOB_REJECTED"))).singleElement()
                .satisfies(e -> assertThat(e.data()).containsEntry("reason", "QUOTA_EXCEEDED"));
    }

    @Test
    void aFullResultsStoreRefusesNewJobsUntilTheGroundAcknowledges() {
        Path data = dir.resolve("full");
        JobsConfig cfg = new JobsConfig(data.toString(), 1.0, null, null, 50_000L, null, null, 2.0, 1.0, null, null,
                null, null);
        restartWith(cfg);
        fx.runner.submit(Specs.process("big-1", Specs.WRITE_RESULT)); // ~100 kB
        fx.stepUntilState("big-1", JobState.SUCCEEDED);

        SubmitResult refused = fx.runner.submit(Specs.process("next-1", Specs.WRITE_RESULT));

        assertThat(refused.reason()).isEqualTo(JobRejectReason.STORAGE_FULL);
        assertThat(fx.events(e -> e.code().equals("RESULTS_STORE_FULL"))).hasSize(1);
        assertThat(fx.runner.ackResult("big-1").ok()).isTrue();
        assertThat(fx.runner.submit(Specs.process("next-1", Specs.WRITE_RESULT)).accepted()).isTrue();
    }

    @Test
    void aTamperedResultIsHeldBackAndReported() throws Exception {
        fx.runner.submit(Specs.process("tamper-1", Specs.WRITE_RESULT));
        fx.stepUntilState("tamper-1", JobState.SUCCEEDED);
        Path data = fx.runner.openResult("tamper-1").orElseThrow().filesDir().resolve("data.bin");
        byte[] bytes = Files.readAllBytes(data);
        bytes[100] ^= 1;
        Files.write(data, bytes);

        assertThat(fx.runner.openResult("tamper-1")).isEmpty();

        assertThat(fx.runner.pendingResults()).isEmpty();
        assertThat(fx.events(e -> e.code().equals("RESULT_CORRUPT"))).hasSize(1);
    }
}
