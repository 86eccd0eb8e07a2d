package io.sunsync.flight.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.sunsync.flight.events.Event;
import io.sunsync.testkit.Digests;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Results checked for silent data corruption before downlink (docs/jobs.md, "Checking results"):
 * sampled items computed again on another board with a referee deciding a disagreement, and
 * verifiers; the blamed board quarantined, then isolated; nothing that failed its check offered.
 */
class ResultCheckTest {
    @TempDir
    Path dir;
    RunnerFixture fx;

    @AfterEach
    void tearDown() {
        if (fx != null) {
            fx.close();
        }
    }

    private RunnerFixture start(int boards, ChecksConfig checks) {
        JobsConfig c = RunnerFixture.config(dir.resolve("data"));
        JobsConfig cfg = new JobsConfig(c.dataDir(), c.tickPeriodS(), null, null, null, null, c.maxLogBytes(),
                c.checkpointGraceS(), c.killGraceS(), null, null, null, null, null, checks);
        fx = new RunnerFixture(dir.resolve("data"), boards, cfg, true);
        fx.start();
        return fx;
    }

    private static JobSpec sampled(String id, int boards, int items, double fraction) {
        return new JobSpec(id, "team-s", 50, null, new BoardRequest(boards, null), 20.0, null, JobKind.SYNTHETIC, null,
                false, new CheckSpec(items, null, new CheckSpec.Sample(fraction)));
    }

    private static String itemOutput(String id, String owner, int i) {
        return Digests.sha256Hex(id + ":" + owner + ":item:" + i) + "\n";
    }

    private List<Event> events(String code) {
        return fx.events(e -> e.code().equals(code));
    }

    @Test
    void aSampledItemComputedWrongIsCaughtItsBoardQuarantinedAndTheJobComputedAgainElsewhere() throws Exception {
        start(4, ChecksConfig.defaults());
        fx.boards.get(0).corrupts = true;
        assertThat(fx.runner.submit(sampled("s-1", 1, 20, 0.2)).accepted()).isTrue();

        fx.stepUntilState("s-1", JobState.SUCCEEDED);

        JobStatus st = fx.status("s-1");
        assertThat(st.reason()).isEqualTo(JobReason.CHECKED);
        assertThat(st.starts()).isEqualTo(2);
        assertThat(events("RESULT_CHECK_FAILED")).singleElement()
                .satisfies(e -> assertThat(e.data()).containsEntry("blamed", List.of("board-0")));
        assertThat(events("BOARD_QUARANTINED")).singleElement()
                .satisfies(e -> assertThat(e.data()).containsEntry("board", "board-0").containsEntry("jobId", "s-1"));
        assertThat(fx.eventCodes("s-1")).containsSubsequence("JOB_CHECKING", "RESULT_CHECK_FAILED", "JOB_REQUEUED",
                "JOB_STARTED", "JOB_CHECKING", "RESULT_CHECK_PASSED", "JOB_SUCCEEDED");
        // What is offered is right, item by item, and nothing of the check runs is.
        assertThat(fx.runner.pendingResults()).extracting(ResultSummary::jobId).containsExactly("s-1");
        ResultBundle b = fx.runner.openResult("s-1").orElseThrow();
        for (int i = 0; i < 20; i++) {
            assertThat(Files.readString(b.filesDir().resolve("items/" + i))).isEqualTo(itemOutput("s-1", "team-s", i));
        }
        assertThat(fx.runner.list()).extracting(JobStatus::id).containsExactly("s-1");
        assertThat(fx.runner.boardWeight("board-0")).as("quarantined: no work for the throttler").isZero();
        assertThat(fx.isolations).as("one strike of three").isEmpty();
    }

    @Test
    void aCheckBoardThatComputesWrongIsBlamedByTheRefereeAndTheRightResultPasses() {
        start(4, ChecksConfig.defaults());
        fx.boards.get(1).corrupts = true; // the job lands on board-0, its sample run on board-1
        fx.runner.submit(sampled("s-2", 1, 10, 0.3));

        fx.stepUntilState("s-2", JobState.SUCCEEDED);

        assertThat(fx.status("s-2").starts()).isEqualTo(1);
        assertThat(events("RESULT_CHECK_FAILED")).isEmpty();
        assertThat(events("BOARD_QUARANTINED")).singleElement()
                .satisfies(e -> assertThat(e.data()).containsEntry("board", "board-1"));
        assertThat(events("RESULT_CHECK_PASSED")).singleElement()
                .satisfies(e -> assertThat(e.data()).containsEntry("checkBoard", "board-1").containsEntry("refereeBoard", "board-2"));
    }

    @Test
    void everyBoardOfATwoBoardJobHasItsOwnItemsSampledSoTheWrongOneAloneIsBlamed() {
        start(5, ChecksConfig.defaults());
        fx.boards.get(1).corrupts = true; // computes the odd items of a job on board-0 and board-1
        fx.runner.submit(sampled("s-3", 2, 40, 0.05)); // 5 % of 20 items per board: one each

        fx.stepUntilState("s-3", JobState.SUCCEEDED);

        assertThat(events("RESULT_CHECK_FAILED")).singleElement()
                .satisfies(e -> assertThat(e.data()).containsEntry("blamed", List.of("board-1")));
        assertThat(events("BOARD_QUARANTINED")).extracting(e -> e.data().get("board")).containsExactly("board-1");
    }

    @Test
    void strikesBeyondTheLimitAskForIsolationAndTheRecordSurvivesARestart() {
        start(4, new ChecksConfig(60.0, 2, null, null));
        fx.boards.get(0).corrupts = true;
        fx.runner.submit(sampled("a", 1, 10, 0.5));
        fx.stepUntilState("a", JobState.SUCCEEDED);
        assertThat(fx.isolations).isEmpty();
        // The quarantine ends after 60 s: board-0 takes the next job, is caught again, strike 2 of 2.
        for (int i = 0; i < 61; i++) {
            fx.step();
        }
        assertThat(events("BOARD_QUARANTINE_ENDED")).hasSize(1);
        fx.runner.submit(sampled("b", 1, 10, 0.5));
        fx.stepUntilState("b", JobState.SUCCEEDED);

        assertThat(fx.isolations).containsExactly("board-0");
        assertThat(events("BOARD_QUARANTINED")).last().satisfies(e -> assertThat(e.data())
                .containsEntry("strikes", 2).containsEntry("isolated", true));
        fx.isolations.clear();
        fx.restart();
        assertThat(fx.isolations).as("asked again at start").containsExactly("board-0");
        assertThat(fx.runner.boardWeight("board-0")).isZero();
        fx.checker.restore("board-0", fx.time.now());
        fx.step();
        assertThat(fx.runner.boardWeight("board-0")).as("nothing queued, but usable").isZero();
        fx.runner.submit(sampled("c", 1, 10, 0.5));
        assertThat(fx.runner.boardWeight("board-0")).isPositive();
    }

    @Test
    void aRestartWhileTheSampleRunsResumesTheCheck() {
        start(4, ChecksConfig.defaults());
        fx.boards.get(0).corrupts = true;
        fx.runner.submit(sampled("r-1", 1, 20, 0.25));
        fx.stepUntil(() -> fx.eventCodes("r-1#check-1.1").contains("JOB_STARTED"));

        fx.restart();
        fx.stepUntilState("r-1", JobState.SUCCEEDED);

        assertThat(fx.status("r-1").reason()).isEqualTo(JobReason.CHECKED);
        assertThat(events("RESULT_CHECK_FAILED")).hasSize(1);
        assertThat(fx.runner.pendingResults()).extracting(ResultSummary::jobId).containsExactly("r-1");
    }

    /** Squares of the items on its boards; on board-0 it gets them wrong (a simulated bad board). */
    private static final String SQUARES = """
            mkdir -p "$SUNSYNC_RESULT_DIR/items"
            IFS=, read -ra B <<< "$SUNSYNC_BOARDS"; k=${#B[@]}
            if [ -n "$SUNSYNC_CHECK_ITEMS" ]; then IFS=, read -ra I <<< "$SUNSYNC_CHECK_ITEMS"; else I=($(seq 0 $((SUNSYNC_ITEMS-1)))); fi
            for i in "${I[@]}"; do
              b=${B[$((i % k))]}; [ -n "$SUNSYNC_CHECK_ITEMS" ] && b=${B[0]}
              v=$((i*i)); [ "$b" = board-0 ] && v=$((v+1))
              echo "$v" > "$SUNSYNC_RESULT_DIR/items/$i"
            done
            """;

    /** Checks every item is its square; names the wrong ones. */
    private static final String SQUARES_VERIFIER = """
            bad=0
            for f in "$SUNSYNC_RESULT_DIR"/items/*; do i=$(basename "$f")
              [ "$(cat "$f")" = "$((i*i))" ] || { echo "$i" >> "$SUNSYNC_CHECK_REPORT"; bad=1; }
            done
            exit $bad
            """;

    private static JobSpec squares(String id, int boards, CheckSpec check) {
        return new JobSpec(id, "team-a", 50, null, new BoardRequest(boards, null), null, null, JobKind.PROCESS,
                new ProcessSpec(List.of("bash", "-c", SQUARES), Map.of(), null), false, check);
    }

    @Test
    void aVerifierThatNamesTheWrongItemsBlamesTheirBoardAndTheJobIsComputedAgainWithoutIt() throws Exception {
        start(4, ChecksConfig.defaults());
        CheckSpec check = new CheckSpec(8, new CheckSpec.Verifier(List.of("bash", "-c", SQUARES_VERIFIER), 20.0), null);
        fx.runner.submit(squares("v-1", 2, check)); // boards 0 and 1: the even items wrong

        fx.stepUntilState("v-1", JobState.SUCCEEDED);

        assertThat(events("RESULT_CHECK_FAILED")).singleElement()
                .satisfies(e -> assertThat(e.data()).containsEntry("blamed", List.of("board-0"))
                        .containsEntry("wrongItems", List.of(0, 2, 4, 6)));
        ResultBundle b = fx.runner.openResult("v-1").orElseThrow();
        for (int i = 0; i < 8; i++) {
            assertThat(Files.readString(b.filesDir().resolve("items/" + i)).strip()).isEqualTo(Integer.toString(i * i));
        }
        assertThat(fx.status("v-1").reason()).isEqualTo(JobReason.CHECKED);
    }

    @Test
    void aProcessJobsSampledItemsAreComputedAgainFromSunsyncCheckItemsOnAnotherBoard() throws Exception {
        start(4, ChecksConfig.defaults());
        fx.runner.submit(squares("p-1", 1, new CheckSpec(12, null, new CheckSpec.Sample(0.25))));

        fx.stepUntilState("p-1", JobState.SUCCEEDED);

        // Its first attempt ran on board-0 (wrong); the sample on board-1 and the referee on board-2 agreed.
        assertThat(events("RESULT_CHECK_FAILED")).singleElement()
                .satisfies(e -> assertThat(e.data()).containsEntry("blamed", List.of("board-0")));
        ResultBundle b = fx.runner.openResult("p-1").orElseThrow();
        assertThat(Files.readString(b.filesDir().resolve("items/11")).strip()).isEqualTo("121");
        assertThat(Files.readString(b.filesDir().resolve("items/0")).strip()).isEqualTo("0");
    }

    @Test
    void aVerifierThatCrashesFailsTheJobWithCheckErrorAndOffersNothing() {
        start(3, ChecksConfig.defaults());
        CheckSpec check = new CheckSpec(4, new CheckSpec.Verifier(List.of("bash", "-c", "echo oops >&2; exit 7"), 20.0), null);
        fx.runner.submit(squares("v-2", 1, check));

        fx.stepUntilState("v-2", JobState.FAILED);

        assertThat(fx.status("v-2").reason()).isEqualTo(JobReason.CHECK_ERROR);
        assertThat(fx.status("v-2").message()).contains("exit 7").contains("oops");
        assertThat(fx.runner.pendingResults()).isEmpty();
        assertThat(events("BOARD_QUARANTINED")).isEmpty();
    }

    @Test
    void jobsThatDeclareAChecksAreRefusedWhereItCannotBeMade() {
        start(3, ChecksConfig.defaults());
        SubmitResult tooFew = fx.runner.submit(sampled("x", 2, 10, 0.1));
        assertThat(tooFew.accepted()).isFalse();
        assertThat(tooFew.reason()).isEqualTo(JobRejectReason.BAD_CHECK);
        fx.close();
        fx = new RunnerFixture(dir.resolve("plain"), 4, RunnerFixture.config(dir.resolve("plain")));
        fx.start();
        assertThat(fx.runner.submit(sampled("y", 1, 10, 0.1)).reason()).isEqualTo(JobRejectReason.BAD_CHECK);
    }
}
