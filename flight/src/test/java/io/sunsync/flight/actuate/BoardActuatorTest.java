package io.sunsync.flight.actuate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.networknt.schema.InputFormat;
import io.sunsync.flight.events.Event;
import io.sunsync.flight.icd.IcdSchemas;
import io.sunsync.flight.link.Json;
import io.sunsync.hal.CommandResult;
import io.sunsync.hal.FaultCode;
import io.sunsync.hal.time.SystemTimeSource;
import io.sunsync.hal.time.TimeSource;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BoardActuatorTest {
    private final List<Event> events = new CopyOnWriteArrayList<>();
    private final List<ScriptedBoard> boards = new ArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1);
    private BoardActuator actuator;

    private BoardActuator actuator(int boardCount, ActuationConfig config, TimeSource time) {
        for (int i = 0; i < boardCount; i++) {
            boards.add(new ScriptedBoard(String.format("board-%02d", i), i));
        }
        actuator = new BoardActuator("scripted", List.copyOf(boards), config, time, events::add);
        return actuator;
    }

    private BoardActuator actuator(int boardCount, ActuationConfig config) {
        return actuator(boardCount, config, new SystemTimeSource());
    }

    private static ActuationConfig config(int threads, double commandTimeoutS, double tickBudgetS) {
        return new ActuationConfig(threads, commandTimeoutS, tickBudgetS, 5.0, 60.0);
    }

    @AfterEach
    void stop() {
        release.countDown();
        if (actuator != null) {
            actuator.close();
        }
    }

    private static CommandResult awaitRelease(CountDownLatch latch) {
        try {
            return latch.await(10, TimeUnit.SECONDS) ? CommandResult.success()
                    : ScriptedBoard.refused("?", "never released");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ScriptedBoard.refused("?", "interrupted");
        }
    }

    /** {@code setCap 450} on {@code b} blocks until the test releases it; the latch says it started. */
    private CountDownLatch holdCap450(ScriptedBoard b) {
        CountDownLatch started = new CountDownLatch(1);
        b.script = c -> {
            if (c.equals("setCap 450")) {
                started.countDown();
                return awaitRelease(release);
            }
            return CommandResult.success();
        };
        return started;
    }

    @Test
    void commandsToDifferentBoardsRunAtTheSameTime() {
        actuator(8, config(8, 10, 10));
        // Each command waits until all eight have started: they only all succeed if they ran at once.
        CountDownLatch allStarted = new CountDownLatch(8);
        for (ScriptedBoard b : boards) {
            b.script = c -> {
                allStarted.countDown();
                return awaitRelease(allStarted);
            };
        }
        List<BoardPlan> plans = boards.stream().map(b -> BoardPlan.of(b.spec().id(), BoardCommand.cap(500), "test")).toList();

        List<CommandOutcome> done = actuator.apply(plans);

        assertThat(done).hasSize(8).allMatch(CommandOutcome::ok);
        assertThat(actuator.stats().commands()).isEqualTo(8);
    }

    @Test
    void aBoardNeverSeesTwoCommandsAtOnceAndKeepsTheirOrder() {
        actuator(1, config(4, 10, 10));
        ScriptedBoard b = boards.get(0);

        actuator.apply(List.of(new BoardPlan("board-00", List.of(BoardCommand.cap(450), BoardCommand.enabled(false),
                BoardCommand.cap(600), BoardCommand.enabled(true)), "test")));

        assertThat(b.received).containsExactly("setCap 450", "setEnabled false", "setCap 600", "setEnabled true");
        assertThat(b.maxConcurrentCommands()).isEqualTo(1);
    }

    @Test
    void theTickWaitsNoLongerThanItsBudgetAndTheRestFinishesLater() {
        actuator(2, config(2, 10, 0.5));
        boards.get(0).script = c -> awaitRelease(release);

        List<CommandOutcome> done = actuator.apply(List.of(BoardPlan.of("board-00", BoardCommand.cap(500), "test"),
                BoardPlan.of("board-01", BoardCommand.cap(500), "test")));

        assertThat(done).extracting(CommandOutcome::boardId).containsExactly("board-01");
        assertThat(actuator.stats().inFlight()).isEqualTo(1);
        release.countDown();
        await().atMost(Duration.ofSeconds(10)).until(() -> actuator.stats().inFlight() == 0);
        assertThat(boards.get(0).read().capW()).isEqualTo(500);
    }

    @Test
    void aNewerPlanReplacesOneStillWaitingButNotTheCommandInProgress() {
        actuator(1, config(1, 10, 0));
        ScriptedBoard b = boards.get(0);
        CountDownLatch started = holdCap450(b);
        Batch first = actuator.submit(List.of(BoardPlan.of("board-00", BoardCommand.cap(450), "test")));
        assertThat(awaitRelease(started).ok()).isTrue();
        Batch second = actuator.submit(List.of(BoardPlan.of("board-00", BoardCommand.cap(500), "test")));
        Batch third = actuator.submit(List.of(BoardPlan.of("board-00", BoardCommand.cap(550), "test")));

        assertThat(second.await(Duration.ZERO)).extracting(CommandOutcome::status)
                .containsExactly(CommandOutcome.Status.SUPERSEDED);
        release.countDown();
        assertThat(third.await(Duration.ofSeconds(10))).extracting(CommandOutcome::status)
                .containsExactly(CommandOutcome.Status.OK);
        assertThat(first.isDone()).isTrue();
        assertThat(b.received).containsExactly("setCap 450", "setCap 550");
        assertThat(actuator.stats().superseded()).isEqualTo(1);
    }

    @Test
    void aWaitingShedIsNotReplacedByALaterPlan() {
        actuator(1, config(1, 10, 0));
        ScriptedBoard b = boards.get(0);
        CountDownLatch started = holdCap450(b);
        actuator.submit(List.of(BoardPlan.of("board-00", BoardCommand.cap(450), "throttler")));
        assertThat(awaitRelease(started).ok()).isTrue();

        ShedReport shed = actuator.shedAll("test", Duration.ZERO);
        Batch late = actuator.submit(List.of(BoardPlan.of("board-00", BoardCommand.cap(1000), "throttler")));

        assertThat(shed.pending()).isEqualTo(1);
        assertThat(late.await(Duration.ZERO)).extracting(CommandOutcome::status)
                .containsExactly(CommandOutcome.Status.SUPERSEDED);
        release.countDown();
        await().atMost(Duration.ofSeconds(10)).until(() -> !b.enabled());
        assertThat(b.received).containsExactly("setCap 450", "setEnabled false");
    }

    @Test
    void shedAllDisablesEveryBoard() {
        actuator(96, config(16, 10, 10));

        ShedReport r = actuator.shedAll("eclipse entry", Duration.ofSeconds(10));

        assertThat(r.boards()).isEqualTo(96);
        assertThat(r.shed()).isEqualTo(96);
        assertThat(r.complete()).isTrue();
        assertThat(boards).noneMatch(ScriptedBoard::enabled);
        assertThat(actuator.lastShed()).isEqualTo(r);
        await().atMost(Duration.ofSeconds(10)).until(() -> Double.isFinite(actuator.stats().lastShedMs()));
        assertThat(actuator.stats().lastShedBoards()).isEqualTo(96);
    }

    /** {@code count} boards shed together by one {@link ScriptedBoard.Group}, on a pool of {@code threads}. */
    private ScriptedBoard.Group grouped(int count, int threads) {
        ScriptedBoard.Group group = new ScriptedBoard.Group();
        for (int i = 0; i < count; i++) {
            ScriptedBoard b = new ScriptedBoard(String.format("board-%02d", i), i);
            b.group = group;
            boards.add(b);
        }
        actuator = new BoardActuator("scripted", List.copyOf(boards), config(threads, 10, 10), new SystemTimeSource(),
                events::add);
        return group;
    }

    @Test
    void boardsOfAGroupAreShedInOneOperationAndAFailureInItIsThatBoardsAlone() {
        ScriptedBoard.Group group = grouped(8, 4);
        group.failing = "board-05";

        ShedReport r = actuator.shedAll("eclipse entry", Duration.ofSeconds(10));

        assertThat(group.calls).hasSize(1);
        assertThat(group.calls.get(0)).hasSize(8);
        assertThat(r.boards()).isEqualTo(8);
        assertThat(r.shed()).isEqualTo(7);
        assertThat(r.failed()).isEqualTo(1);
        assertThat(boards).allSatisfy(b -> assertThat(b.received).containsExactly("groupSafeState"));
        assertThat(boards).filteredOn(ScriptedBoard::enabled).extracting(b -> b.spec().id()).containsExactly("board-05");
        assertThat(events).filteredOn(e -> e.code().equals("BOARD_COMMAND_FAILED")).hasSize(1)
                .allSatisfy(e -> assertThat(e.data()).containsEntry("board", "board-05").containsEntry("origin", "shed"));
        assertThat(actuator.stats().commands()).isEqualTo(8);
        assertThat(actuator.stats().failed()).isEqualTo(1);
    }

    @Test
    void aShedRightAfterAGroupShedIsOneGroupOperationAgain() {
        ScriptedBoard.Group group = grouped(16, 4);

        for (int i = 0; i < 20; i++) {
            assertThat(actuator.shedAll("test", Duration.ofSeconds(10)).shed()).isEqualTo(16);
        }

        assertThat(group.calls).hasSize(20).allSatisfy(c -> assertThat(c).hasSize(16));
    }

    @Test
    void aBoardOfAGroupWhoseLaneIsBusyIsShedAloneAfterItsCommandAndTheOthersTogether() {
        ScriptedBoard.Group group = grouped(3, 4);
        CountDownLatch started = holdCap450(boards.get(0));
        actuator.submit(List.of(BoardPlan.of("board-00", BoardCommand.cap(450), "throttler")));
        assertThat(awaitRelease(started).ok()).isTrue();

        ShedReport r = actuator.shedAll("test", Duration.ofSeconds(10).dividedBy(100));

        await().atMost(Duration.ofSeconds(10)).until(() -> !boards.get(1).enabled() && !boards.get(2).enabled());
        assertThat(group.calls).containsExactly(List.of("board-01", "board-02"));
        assertThat(r.pending()).isEqualTo(1); // board-00: its shed waits for the command in progress
        release.countDown();
        await().atMost(Duration.ofSeconds(10)).until(() -> !boards.get(0).enabled());
        assertThat(boards.get(0).received).containsExactly("setCap 450", "setEnabled false");
    }

    @Test
    void aPlanGivenWhileTheGroupShedRunsWaitsForItAndThenRuns() {
        ScriptedBoard.Group group = grouped(2, 4);
        CountDownLatch inGroup = new CountDownLatch(1);
        group.script = () -> {
            inGroup.countDown();
            awaitRelease(release);
        };

        ShedReport r = actuator.shedAll("test", Duration.ZERO);
        assertThat(awaitRelease(inGroup).ok()).isTrue();
        Batch later = actuator.submit(List.of(BoardPlan.of("board-01", BoardCommand.enabled(true), "throttler")));

        assertThat(r.pending()).isEqualTo(2);
        assertThat(later.await(Duration.ofMillis(200))).as("held by the group's shed").isEmpty();
        assertThat(actuator.idle()).isFalse();
        release.countDown();
        assertThat(later.await(Duration.ofSeconds(10))).extracting(CommandOutcome::status)
                .containsExactly(CommandOutcome.Status.OK);
        assertThat(boards.get(1).received).containsExactly("groupSafeState", "setEnabled true");
        assertThat(boards.get(1).maxConcurrentCommands()).isEqualTo(1);
        await().atMost(Duration.ofSeconds(10)).until(actuator::idle);
    }

    @Test
    void aFailedCommandIsAnEventAndTheBoardsOtherCommandsStillRun() {
        actuator(2, config(2, 10, 10));
        boards.get(0).script = c -> c.startsWith("setCap") ? ScriptedBoard.refused("board-00", "setCap")
                : CommandResult.success();
        boards.get(1).script = c -> {
            throw new IllegalStateException("driver exploded");
        };

        List<CommandOutcome> done = actuator.apply(List.of(
                new BoardPlan("board-00", List.of(BoardCommand.cap(500), BoardCommand.enabled(false)), "throttler"),
                BoardPlan.of("board-01", BoardCommand.reset(), "fdir")));

        assertThat(done).extracting(CommandOutcome::status).containsExactly(CommandOutcome.Status.FAILED,
                CommandOutcome.Status.OK, CommandOutcome.Status.FAILED);
        assertThat(boards.get(0).enabled()).isFalse();
        assertThat(events).filteredOn(e -> e.code().equals("BOARD_COMMAND_FAILED"))
                .extracting(e -> e.data().get("board") + " " + e.data().get("command") + " " + e.data().get("fault")
                        + " " + e.data().get("origin"))
                .containsExactlyInAnyOrder("board-00 setCap COMMAND_REJECTED throttler", "board-01 reset COMMAND_REJECTED fdir");
        assertThat(actuator.stats().failed()).isEqualTo(2);
    }

    @Test
    void aCommandPastItsTimeLimitIsReportedOnceWhileItRuns() {
        actuator(1, config(1, 0.02, 0));
        boards.get(0).script = c -> awaitRelease(release);
        actuator.submit(List.of(BoardPlan.of("board-00", BoardCommand.cap(500), "throttler")));

        await().atMost(Duration.ofSeconds(10)).until(() -> {
            actuator.tick(Instant.now());
            return events.stream().anyMatch(e -> e.code().equals("BOARD_COMMAND_TIMEOUT"));
        });
        actuator.tick(Instant.now());
        assertThat(actuator.stats().overdue()).isEqualTo(1);
        release.countDown();
        await().atMost(Duration.ofSeconds(10)).until(() -> actuator.stats().inFlight() == 0);
        actuator.tick(Instant.now());

        assertThat(events).filteredOn(e -> e.code().equals("BOARD_COMMAND_TIMEOUT")).hasSize(1)
                .allMatch(e -> e.data().get("fault").equals("COMMAND_TIMEOUT"));
        assertThat(actuator.stats().timedOut()).isEqualTo(1);
    }

    @Test
    void executeGivesATimeoutFailureWhenTheBoardIsStillBusy() {
        actuator(1, config(1, 10, 0));
        boards.get(0).script = c -> awaitRelease(release);

        CommandResult r = actuator.execute("board-00", BoardCommand.reset(), "ground", Duration.ofMillis(20));

        assertThat(r.ok()).isFalse();
        assertThat(r.fault().code()).isEqualTo(FaultCode.COMMAND_TIMEOUT);
    }

    @Test
    void latencyPercentilesCoverTheCommandsRun() {
        actuator(4, config(4, 10, 10));
        List<BoardPlan> plans = new ArrayList<>();
        for (ScriptedBoard b : boards) {
            plans.add(BoardPlan.of(b.spec().id(), BoardCommand.cap(500), "test"));
        }
        actuator.apply(plans);

        BoardActuator.Stats s = actuator.stats();
        assertThat(s.backend()).isEqualTo("scripted");
        assertThat(s.threads()).isEqualTo(4);
        assertThat(s.windowCommands()).isEqualTo(4);
        assertThat(s.p50Ms()).isPositive().isLessThanOrEqualTo(s.p99Ms());
        assertThat(s.p99Ms()).isLessThanOrEqualTo(s.maxMs());
        assertThat(s.lastShedMs()).isNaN();
    }

    @Test
    void onAVirtualClockEveryCommandRunsOnTheCallersThread() {
        TimeSource virtual = new TimeSource() {
            @Override
            public Instant now() {
                return Instant.EPOCH;
            }

            @Override
            public void awaitUntil(Instant instant) {
            }

            @Override
            public boolean isVirtual() {
                return true;
            }
        };
        actuator(3, config(8, 10, 0), virtual);
        List<String> threads = new CopyOnWriteArrayList<>();
        for (ScriptedBoard b : boards) {
            b.script = c -> {
                threads.add(Thread.currentThread().getName());
                return CommandResult.success();
            };
        }

        ShedReport r = actuator.shedAll("test");

        assertThat(actuator.threads()).isZero();
        assertThat(r.complete()).isTrue();
        assertThat(threads).containsOnly(Thread.currentThread().getName()).hasSize(3);
    }

    @Test
    void theHousekeepingSectionMatchesTheIcdBeforeAndAfterCommands() {
        actuator(2, config(2, 10, 10));
        String schema = "{\"$ref\": \"" + IcdSchemas.BASE + IcdSchemas.HK + "#/properties/actuation\"}";
        String before = new String(Json.encode(actuator.stats()), StandardCharsets.UTF_8);
        assertThat(IcdSchemas.compile(schema).validate(before, InputFormat.JSON)).as(before).isEmpty();
        assertThat(before).contains("\"p99Ms\":\"NaN\"");

        actuator.shedAll("test", Duration.ofSeconds(10));
        await().atMost(Duration.ofSeconds(10)).until(() -> Double.isFinite(actuator.stats().lastShedMs()));
        String after = new String(Json.encode(actuator.stats()), StandardCharsets.UTF_8);
        assertThat(IcdSchemas.compile(schema).validate(after, InputFormat.JSON)).as(after).isEmpty();
        assertThat(after).contains("\"commands\":2", "\"lastShedBoards\":2");
    }

    @Test
    void aPlanForAnUnknownBoardStartsNothing() {
        actuator(2, config(2, 10, 10));

        assertThatThrownBy(() -> actuator.submit(List.of(BoardPlan.of("board-00", BoardCommand.cap(500), "test"),
                BoardPlan.of("board-99", BoardCommand.cap(500), "test"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("board-99");
        assertThat(boards.get(0).received).isEmpty();
    }

    @Test
    void badSettingsAreRefusedNamingTheKey() {
        assertThatThrownBy(() -> new ActuationConfig(-1, null, null, null, null)).hasMessageContaining("threads");
        assertThatThrownBy(() -> new ActuationConfig(null, 0.0, null, null, null)).hasMessageContaining("commandTimeoutS");
        assertThatThrownBy(() -> new ActuationConfig(null, null, Double.NaN, null, null)).hasMessageContaining("tickBudgetS");
        assertThat(ActuationConfig.defaults().threads()).isEqualTo(16);
    }
}
