package io.sunsync.flight.jobs;

import io.sunsync.flight.mode.ModeConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.sunsync.flight.events.Event;
import io.sunsync.flight.jobs.journal.Journal;
import io.sunsync.hal.accel.BoardState;
import io.sunsync.hal.files.Sha256;
import io.sunsync.testkit.Digests;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Synthetic jobs (progress = work the boards deliver), submission checks and journal damage. */
class JobRunnerSyntheticTest extends RunnerOnFourBoards {
    /** Restarts the runner (same data folder, {@code limited}) with {@code jobs.maxStarts} at {@code n}. */
    private void restartWithMaxStarts(int n) {
        restartWith(new JobsConfig(dir.resolve("limited").toString(), 1.0, null, null, null, null, 64L * 1024, 2.0, 1.0, n,
                null, null, null));
    }

    private void steps(int n) {
        for (int i = 0; i < n; i++) {
            fx.step();
        }
    }

    /** The power system sheds board-0: it reads DISABLED, and the runner is told why. */
    private void shedBoard0ForPower() {
        fx.boards.get(0).state = BoardState.DISABLED;
        fx.runner.boardShed("board-0", "POWER");
    }

    @Test
    void progressIsTheWorkItsBoardsDeliverSoCapsShowUpAsProgress() {
        fx.runner.submit(Specs.synthetic("syn-full", 50, 1, 10, false));
        fx.runner.submit(Specs.synthetic("syn-half", 50, 2, 10, false));
        fx.step(); // both start (boards 0 and 1-2), progress counted from the next tick
        fx.boards.get(1).setCap(250);
        fx.boards.get(2).setCap(250);

        steps(4);

        // 4 s at full cap on one board = 4 units; 4 s at a quarter cap on two boards = 2 units.
        assertThat(fx.status("syn-full").workUnits()).isCloseTo(4.0, within(1e-9));
        assertThat(fx.status("syn-half").workUnits()).isCloseTo(2.0, within(1e-9));
        Duration started = Duration.ofSeconds(1);
        fx.stepUntilState("syn-full", JobState.SUCCEEDED);
        assertThat(Duration.between(RunnerFixture.EPOCH, fx.time.now())).isEqualTo(started.plusSeconds(10));
        fx.stepUntilState("syn-half", JobState.SUCCEEDED);
        assertThat(Duration.between(RunnerFixture.EPOCH, fx.time.now())).isEqualTo(started.plusSeconds(20));
    }

    @Test
    void aSyntheticJobWritesADeterministicResult() throws Exception {
        fx.runner.submit(Specs.synthetic("syn-r", 50, 1, 3, false));
        fx.stepUntilState("syn-r", JobState.SUCCEEDED);

        ResultBundle bundle = fx.runner.openResult("syn-r").orElseThrow();

        assertThat(bundle.files()).singleElement().satisfies(f -> {
            assertThat(f.path()).isEqualTo("result.json");
            // Same spec, same bytes, same checksum on every run.
            assertThat(f.sha256()).isEqualTo(Sha256.hex(bundle.pathOf(f)));
        });
        assertThat(Files.readString(bundle.filesDir().resolve("result.json")))
                .isEqualTo("{\"jobId\":\"syn-r\",\"owner\":\"team-s\",\"workUnits\":3.0,\"digest\":\""
                        + Digests.sha256Hex("syn-r:team-s:3.0") + "\"}\n");
    }

    @Test
    void aCheckpointedSyntheticJobResumesFromItsCheckpointAfterABoardFails() {
        fx.runner.submit(Specs.synthetic("syn-c", 50, 1, 100, true));
        steps(6); // started at t=1, 5 units by t=6
        assertThat(fx.runner.requestCheckpoint("syn-c").ok()).isTrue();
        assertThat(fx.status("syn-c").checkpoints()).isEqualTo(1);
        steps(3); // 8 units, 3 after the checkpoint

        fx.boards.get(0).state = BoardState.FAILED;
        fx.step();

        JobStatus st = fx.status("syn-c");
        assertThat(st.state()).isEqualTo(JobState.RUNNING); // requeued and restarted on another board in the same tick
        assertThat(st.boardIds()).containsExactly("board-1");
        assertThat(st.workUnits()).isCloseTo(5.0, within(1e-9));
        assertThat(fx.eventCodes("syn-c")).containsSubsequence("JOB_STARTED", "JOB_CHECKPOINTED", "JOB_REQUEUED", "JOB_STARTED");
        List<Event> requeued = fx.events(e -> e.code().equals("JOB_REQUEUED"));
        assertThat(requeued).singleElement().satisfies(e -> assertThat(e.data()).containsEntry("reason", "BOARD_LOST"));
    }

    @Test
    void aSyntheticJobWithoutCheckpointsStartsOverAfterABoardFails() {
        fx.runner.submit(Specs.synthetic("syn-n", 50, 1, 100, false));
        steps(6);

        fx.boards.get(0).state = BoardState.HUNG;
        fx.step();

        assertThat(fx.status("syn-n").workUnits()).isEqualTo(0.0);
        assertThat(fx.status("syn-n").starts()).isEqualTo(2);
    }

    @Test
    void aJobOverItsEnergyBudgetFails() {
        // One board at 1000 W spends 1000/3600 Wh per second: a 2 Wh budget lasts 7.2 s.
        fx.runner.submit(Specs.withBudget(Specs.synthetic("thirsty", 50, 1, 1000, false), 2.0));

        fx.stepUntilState("thirsty", JobState.FAILED);

        assertThat(fx.status("thirsty").reason()).isEqualTo(JobReason.ENERGY_BUDGET_EXCEEDED);
        assertThat(fx.status("thirsty").energyUsedWh()).isCloseTo(8 * 1000 / 3600.0, within(1e-9));
    }

    @Test
    void aPowerReadingFlaggedOutOfRangeCostsAJobNoEnergy() {
        // 1 MW for a second would be 278 Wh, far over the budget; flagged, the reading counts as none.
        fx.runner.submit(Specs.withBudget(Specs.synthetic("budgeted", 50, 1, 1000, false), 2.0));
        fx.step();
        fx.boards.get(0).flaggedPowerW = 1e6;
        steps(3);

        assertThat(fx.status("budgeted").state()).isEqualTo(JobState.RUNNING);
        assertThat(fx.status("budgeted").energyUsedWh()).isLessThan(2.0);
    }

    @Test
    void aCheckpointableSyntheticJobIsPreemptedWithItsProgressKept() {
        fx.boards.subList(1, 4).forEach(b -> b.state = BoardState.DISABLED);
        fx.runner.submit(Specs.synthetic("low", 10, 1, 100, true));
        steps(5); // started at t=1: 4 units by t=5

        fx.runner.submit(Specs.synthetic("high", 90, 1, 3, false));
        fx.step(); // 5 units, then preempted with a checkpoint at 5

        assertThat(fx.status("low").state()).isEqualTo(JobState.QUEUED);
        assertThat(fx.status("low").reason()).isEqualTo(JobReason.PREEMPTED);
        assertThat(fx.status("high").state()).isEqualTo(JobState.RUNNING);
        fx.stepUntilState("high", JobState.SUCCEEDED); // the same tick restarts low on the freed board
        assertThat(fx.status("low").state()).isEqualTo(JobState.RUNNING);
        assertThat(fx.status("low").workUnits()).isCloseTo(5.0, within(1e-9));
    }

    @Test
    void preemptionsDoNotCountAgainstTheStartLimit() {
        // In a busy queue a low-priority job may be preempted many times: flight's own choice, so it
        // must not end in TOO_MANY_STARTS, work the ground asked for lost.
        restartWithMaxStarts(3);
        fx.boards.subList(1, 4).forEach(b -> b.state = BoardState.DISABLED);
        fx.runner.submit(Specs.synthetic("low", 10, 1, 12, true));
        steps(2);
        for (int i = 0; i < 5; i++) {
            fx.runner.submit(Specs.synthetic("high-" + i, 90, 1, 1, false));
            fx.stepUntilState("high-" + i, JobState.SUCCEEDED); // low checkpointed, queued, started again
            steps(1);
        }

        fx.stepUntilState("low", JobState.SUCCEEDED);

        assertThat(fx.status("low").starts()).isEqualTo(6); // twice the limit of 3, five of them preempted
        assertThat(fx.status("low").workUnits()).isCloseTo(12.0, within(1e-9));
    }

    @Test
    void aJobThatKeepsBeingRestartedForOtherReasonsStillFailsAtTheStartLimit() {
        restartWithMaxStarts(2);
        fx.runner.submit(Specs.synthetic("doomed", 50, 1, 100, true));
        fx.step();
        restartWithMaxStarts(2); // flight restarted while it ran: RUNNER_RESTARTED, a counted start
        fx.step();
        restartWithMaxStarts(2);

        fx.stepUntilState("doomed", JobState.FAILED);

        assertThat(fx.status("doomed").reason()).isEqualTo(JobReason.TOO_MANY_STARTS);
    }

    @Test
    void theThrottlerSeesRunningJobsWithTheirBoardsAndPriorities() {
        fx.runner.submit(Specs.synthetic("a", 20, 2, 100, false));
        fx.runner.submit(Specs.synthetic("b", 70, 1, 100, true));
        fx.step();

        List<RunningJob> running = fx.runner.runningJobs();

        assertThat(running).extracting(RunningJob::jobId).containsExactly("b", "a");
        assertThat(running.get(0).boardIds()).containsExactly("board-0");
        assertThat(running.get(1).boardIndices()).containsExactly(1, 2);
        assertThat(running.get(0).checkpointable()).isTrue();
        assertThat(running.get(1).priority()).isEqualTo(20);
    }

    @Test
    void impossibleOrLateOrDuplicateSubmissionsAreRefusedWithACodeAndAnEvent() {
        assertThat(fx.runner.submit(Specs.synthetic("many", 50, 5, 1, false)).reason()).isEqualTo(JobRejectReason.BAD_BOARD_COUNT);
        JobSpec hot = new JobSpec("hot", "o", 50, null, new BoardRequest(1, 5000.0), 1.0, null, JobKind.SYNTHETIC, null, false);
        assertThat(fx.runner.submit(hot).reason()).isEqualTo(JobRejectReason.BAD_MIN_CAP);
        assertThat(fx.runner.submit(Specs.withDeadline(Specs.synthetic("late", 50, 1, 1, false), RunnerFixture.EPOCH))
                .reason()).isEqualTo(JobRejectReason.DEADLINE_PASSED);
        assertThat(fx.runner.submit(Specs.synthetic("twice", 50, 1, 1, false)).accepted()).isTrue();
        assertThat(fx.runner.submit(Specs.synthetic("twice", 50, 1, 1, false)).reason()).isEqualTo(JobRejectReason.DUPLICATE_ID);
        SubmitResult bad = fx.runner.submitJson("{\"id\":\"x\",\"owner\":\"o\",\"kind\":\"synthetic\",\"boards\":{\"count\":1},"
                + "\"expectedWorkUnits\":1,\"colour\":\"red\"}");
        assertThat(bad.reason()).isEqualTo(JobRejectReason.UNKNOWN_FIELD);
        assertThat(bad.message()).contains("colour");

        assertThat(fx.events(e -> e.code().equals("JOB_REJECTED"))).extracting(e -> e.data().get("reason"))
                .containsExactly("BAD_BOARD_COUNT", "BAD_MIN_CAP", "DEADLINE_PASSED", "DUPLICATE_ID", "UNKNOWN_FIELD");
    }

    @Test
    void syntheticJobsAreRefusedOnBoardsThatCannotMeasureWork() {
        fx.boards.forEach(b -> b.measuresWork = false);
        fx.step();

        assertThat(fx.runner.submit(Specs.synthetic("s", 50, 1, 1, false)).reason())
                .isEqualTo(JobRejectReason.SYNTHETIC_UNSUPPORTED);
    }

    @Test
    void aSubmissionBeforeStartIsRefused() {
        JobRunner notStarted = fx.newRunner();

        assertThat(notStarted.submit(Specs.synthetic("s", 50, 1, 1, false)).reason()).isEqualTo(JobRejectReason.NOT_READY);
    }

    @Test
    void garbageAppendedToTheJournalIsDroppedAndReportedAndNothingIsLost() throws Exception {
        fx.runner.submit(Specs.synthetic("g1", 50, 1, 2, false));
        fx.runner.submit(Specs.synthetic("g2", 50, 1, 500, false));
        fx.stepUntilState("g1", JobState.SUCCEEDED);
        fx.runner.stop();
        Path journal = fx.dataDir.resolve("journal").resolve(Journal.JOURNAL_FILE);
        Files.write(journal, "\u0000\u0000garbage after a crash".getBytes(), StandardOpenOption.APPEND);

        fx.runner = fx.newRunner();
        fx.runner.start();

        assertThat(fx.events(e -> e.code().equals("JOURNAL_TAIL_DROPPED"))).hasSize(1);
        assertThat(fx.status("g1").state()).isEqualTo(JobState.SUCCEEDED);
        assertThat(fx.runner.openResult("g1")).isPresent();
        assertThat(fx.status("g2").state()).isEqualTo(JobState.QUEUED);
        assertThat(fx.status("g2").reason()).isEqualTo(JobReason.RUNNER_RESTARTED);
    }

    @Test
    void aTornLastRecordIsDroppedAndTheJobFallsBackToItsPreviousState() throws Exception {
        fx.boards.forEach(b -> b.state = BoardState.DISABLED);
        fx.runner.submit(Specs.synthetic("t1", 50, 1, 500, false));
        fx.step();
        fx.boards.forEach(b -> b.state = BoardState.ENABLED);
        fx.step(); // last record: t1 STARTED
        fx.runner.stop();
        Path journal = fx.dataDir.resolve("journal").resolve(Journal.JOURNAL_FILE);
        byte[] bytes = Files.readAllBytes(journal);
        Files.write(journal, java.util.Arrays.copyOf(bytes, bytes.length - 7));

        fx.runner = fx.newRunner();
        fx.runner.start();

        assertThat(fx.events(e -> e.code().equals("JOURNAL_TAIL_DROPPED"))).hasSize(1);
        assertThat(fx.status("t1").state()).isEqualTo(JobState.QUEUED);
        assertThat(fx.status("t1").reason()).isEqualTo(JobReason.SUBMITTED);
        fx.stepUntilState("t1", JobState.RUNNING);
    }

    @Test
    void aFloodOfSubmissionsStopsAtTheBoundOnUnfinishedJobsWithEveryRefusalReported() throws Exception {
        Path data = dir.resolve("bounded");
        JobsConfig cfg = new JobsConfig(data.toString(), 1.0, null, null, null, null, null, 2.0, 1.0, null, null, null,
                null, 5, null);
        restartWith(cfg);
        int accepted = 0;
        int queueFull = 0;
        for (int i = 0; i < 40; i++) {
            SubmitResult r = fx.runner.submit(Specs.synthetic("f" + i, 50, 1, 1_000, false));
            if (r.accepted()) {
                accepted++;
            } else {
                assertThat(r.reason()).isEqualTo(JobRejectReason.QUEUE_FULL);
                queueFull++;
            }
        }
        assertThat(accepted).isEqualTo(5);
        assertThat(queueFull).isEqualTo(35);
        assertThat(fx.runner.list()).hasSize(5);
        assertThat(fx.events(e -> e.code().equals("JOB_REJECTED") && "QUEUE_FULL".equals(e.data().get("reason"))))
                .hasSize(35);
        fx.runner.cancel("f0", "make room");
        assertThat(fx.runner.submit(Specs.synthetic("after", 50, 1, 1_000, false)).accepted()).isTrue();
    }

    @Test
    void theJournalIsCompactedWhenItGrows() throws Exception {
        Path data = dir.resolve("small");
        JobsConfig cfg = new JobsConfig(data.toString(), 1.0, null, null, null, null, null, 2.0, 1.0, null, 1.0, 4096L, 3);
        restartWith(cfg);
        for (int i = 0; i < 12; i++) {
            fx.runner.submit(Specs.synthetic("c" + i, 50, 1, 2, false));
        }

        fx.stepUntil(() -> fx.runner.list().stream().allMatch(s -> s.state() == JobState.SUCCEEDED));
        fx.runner.list().forEach(s -> fx.runner.ackResult(s.id()));
        steps(3);

        Path journal = data.resolve("journal").resolve(Journal.JOURNAL_FILE);
        assertThat(Files.size(journal)).isLessThan(8192);
        fx.restart();
        // Acknowledged, finished jobs beyond keepFinishedJobs=3 are forgotten; the rest is intact.
        assertThat(fx.runner.list()).hasSize(3).allMatch(s -> s.state() == JobState.SUCCEEDED);
        assertThat(fx.runner.pendingResults()).isEmpty();
    }

    @Test
    void boardsAreWeightedByThePriorityOfTheirWorkAndIdleBoardsByNone() {
        assertThat(fx.runner.boardWeight("board-0")).isZero();
        fx.runner.submit(Specs.synthetic("w", 50, 1, 100, false));

        assertThat(fx.runner.boardWeight("board-3")).isEqualTo(1.0); // queued work could use it
        fx.step();

        assertThat(fx.runner.boardWeight("board-0")).isEqualTo(1.0);
        assertThat(fx.runner.boardWeight("board-1")).isZero();
    }

    @Test
    void theBoardsOfAJobOnSeveralBoardsAreOneGangWhileItRunsOrIsShedAndNotWhenPreempted() {
        fx.runner.submit(Specs.synthetic("pair", 50, 2, 100, false));
        fx.runner.submit(Specs.synthetic("solo", 50, 1, 100, false));
        assertThat(fx.runner.boardGang("board-0")).isNull(); // queued work has no boards yet
        fx.step();

        assertThat(fx.runner.boardGang("board-0")).isEqualTo("pair");
        assertThat(fx.runner.boardGang("board-1")).isEqualTo("pair");
        assertThat(fx.runner.boardGang("board-2")).isNull(); // a one-board job needs no other board
        assertThat(fx.runner.boardGang("board-3")).isNull(); // free

        shedBoard0ForPower();
        fx.step();
        assertThat(fx.status("pair").state()).isEqualTo(JobState.SUSPENDED);
        assertThat(fx.runner.boardGang("board-1")).isEqualTo("pair"); // comes back only with board-0

        fx.runner.suspend("solo", "operator");
        assertThat(fx.runner.boardGang("board-2")).isNull();
    }

    @Test
    void aJobSuspendedByPreemptionLeavesNoGangOnTheBoardsItLent() {
        fx.runner.submit(Specs.synthetic("low", 10, 4, 1000, false));
        fx.step();
        assertThat(fx.runner.boardGang("board-3")).isEqualTo("low");

        fx.runner.submit(Specs.synthetic("high", 90, 2, 1000, false));
        fx.step();

        assertThat(fx.status("low").state()).isEqualTo(JobState.SUSPENDED);
        List<String> lent = fx.runner.runningJobs().stream().filter(j -> j.jobId().equals("high")).findFirst()
                .orElseThrow().boardIds();
        assertThat(lent).hasSize(2);
        for (int b = 0; b < BOARDS; b++) {
            String id = "board-" + b;
            assertThat(fx.runner.boardGang(id)).as(id).isEqualTo(lent.contains(id) ? "high" : null);
        }
    }

    @Test
    void powerSaveByDefaultKeepsPriorityFiftyAndUpAndShedsTheRest() {
        double minWeight = new ModeConfig(null, null, null, null, null, null, null, null, null, null, null)
                .powerSaveMinWeight();
        fx.runner.submit(Specs.synthetic("keep", 50, 1, 100, false));
        fx.step();
        assertThat(fx.runner.boardWeight("board-0")).isGreaterThanOrEqualTo(minWeight);
        fx.runner.submit(Specs.synthetic("shed", 49, 1, 100, false));
        fx.step();
        assertThat(fx.runner.boardWeight("board-1")).isLessThan(minWeight);
    }

    @Test
    void aBoardSwitchedOffByTheThrottlerSuspendsItsJobWhichResumesWhenItIsBackOn() {
        fx.runner.submit(Specs.synthetic("shed", 50, 2, 100, false));
        steps(3); // 2 boards x 2 s = 4 units

        shedBoard0ForPower();
        steps(5);

        JobStatus st = fx.status("shed");
        assertThat(st.state()).isEqualTo(JobState.SUSPENDED);
        assertThat(st.workUnits()).isCloseTo(4.0, within(1e-9));
        assertThat(fx.runner.runningJobs()).singleElement()
                .satisfies(j -> assertThat(j.suspendCause()).isEqualTo(SuspendCause.SHED));
        assertThat(fx.runner.resume("shed").error()).isEqualTo(ControlError.WRONG_STATE);

        fx.boards.get(0).state = BoardState.ENABLED;
        fx.runner.boardRestored("board-0");
        steps(1);

        assertThat(fx.status("shed").state()).isEqualTo(JobState.RUNNING);
        assertThat(fx.status("shed").workUnits()).isCloseTo(6.0, within(1e-9));
        assertThat(fx.status("shed").starts()).isEqualTo(1);
    }

    @Test
    void aBoardSwitchedBackOnThatStillReadsDisabledKeepsItsJobUntilItComesBack() {
        // A board comes back after its command's latency: in that moment it is neither lost nor usable
        // (found by the 30-day resource run, where jobs were requeued BOARD_LOST there until TOO_MANY_STARTS).
        fx.runner.submit(Specs.synthetic("back", 50, 1, 100, false));
        steps(3);
        shedBoard0ForPower();
        steps(2);

        fx.runner.boardRestored("board-0"); // commanded on; the next readings still say DISABLED
        steps(3);

        assertThat(fx.status("back").state()).isEqualTo(JobState.SUSPENDED);
        assertThat(fx.status("back").boardIds()).containsExactly("board-0");
        fx.boards.get(0).state = BoardState.ENABLED;
        steps(1);
        assertThat(fx.status("back").state()).isEqualTo(JobState.RUNNING);
        assertThat(fx.status("back").starts()).isEqualTo(1);
        assertThat(fx.eventCodes("back")).doesNotContain("JOB_REQUEUED");
    }

    @Test
    void aBoardSwitchedBackOnThatNeverComesBackIsLostAfterTheGrace() {
        fx.runner.submit(Specs.synthetic("stuck", 50, 1, 100, true));
        steps(3);
        shedBoard0ForPower();
        fx.runner.boardRestored("board-0");

        steps((int) BoardView.RESTORE_GRACE.toSeconds() + 2);

        assertThat(fx.status("stuck").reason()).isIn(JobReason.BOARD_LOST, JobReason.STARTED);
        assertThat(fx.status("stuck").boardIds()).doesNotContain("board-0");
        assertThat(fx.eventCodes("stuck")).contains("JOB_REQUEUED");
    }

    @Test
    void aBoardIsolatedByFaultProtectionMovesItsJobAtOnce() {
        fx.runner.submit(Specs.synthetic("iso", 50, 1, 100, true));
        steps(2);

        fx.runner.boardIsolated("board-0", "uncorrectable ECC errors");

        assertThat(fx.status("iso").state()).isEqualTo(JobState.QUEUED);
        assertThat(fx.status("iso").reason()).isEqualTo(JobReason.BOARD_LOST);
        assertThat(fx.status("iso").message()).contains("uncorrectable ECC errors");
    }

    @Test
    void aSecondRunnerOnTheSameDataDirectoryIsRefused() {
        JobRunner second = fx.newRunner();

        assertThatThrownBy(second::start).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("another job runner");
        assertThat(second.submit(Specs.synthetic("s", 50, 1, 1, false)).reason()).isEqualTo(JobRejectReason.NOT_READY);
    }
}
