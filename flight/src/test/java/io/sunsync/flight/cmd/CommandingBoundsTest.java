package io.sunsync.flight.cmd;

import static io.sunsync.flight.cmd.CommandingFixture.T0;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.sunsync.flight.cmd.sequence.CommandSequences;
import io.sunsync.flight.cmd.timetag.TimeTagSchedule;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every structure commanding keeps of what the ground sends has a bound, and a flood past it ends
 * in a counted, reported refusal or eviction, never in growth (docs/security.md, "Bounded state").
 */
class CommandingBoundsTest {
    @TempDir
    Path dir;

    private static long failedWith(CommandingFixture f, long fromSeq, String reason) {
        return f.down.reports().stream().filter(r -> r.path("seq").asLong(-1) >= fromSeq)
                .filter(r -> r.path("stage").asText().equals("FAILED") && r.path("reason").asText().equals(reason))
                .count();
    }

    @Test
    void theTimeTagScheduleHoldsItsCapacityAndRefusesOneMoreWithAReport() throws Exception {
        CommandingFixture f = new CommandingFixture(dir, 1024);
        int flood = TimeTagSchedule.CAPACITY + 20;
        for (int i = 1; i <= flood; i++) {
            f.commanding.onMessage(CommandingFixture.message(f.signed(i, "timetag.insert",
                    Map.of("at", T0.plusSeconds(3000).toString(), "command", "test.count", "args", Map.of()))));
        }
        assertThat(f.commanding.timeTagged()).isEqualTo(TimeTagSchedule.CAPACITY);
        assertThat(failedWith(f, 1, "INVALID_STATE")).isEqualTo(20);
        assertThat(f.lastReport().path("message").asText()).contains("schedule full");
        assertThat(f.commanding.counters().snapshot().failed()).isEqualTo(20);
        f.assertReportsMatchTheIcd();
    }

    @Test
    void storedSequencesAndEventBindingsHoldTheirBoundsAndRefuseOneMoreWithAReport() throws Exception {
        CommandingFixture f = new CommandingFixture(dir, 1024);
        long seq = 0;
        List<Map<String, Object>> steps = List.of(Map.of("delayS", 0, "command", "test.count", "args", Map.of()));
        for (int i = 0; i < CommandSequences.MAX_SEQUENCES + 10; i++) {
            f.commanding.onMessage(CommandingFixture.message(f.signed(++seq, "seq.define",
                    Map.of("name", "s" + i, "steps", steps))));
        }
        assertThat(failedWith(f, 1, "INVALID_STATE")).isEqualTo(10);
        long bindsFrom = seq + 1;
        for (int i = 0; i < CommandSequences.MAX_BINDINGS + 10; i++) {
            f.commanding.onMessage(CommandingFixture.message(f.signed(++seq, "seq.bind",
                    Map.of("event", "EV_" + i, "name", "s0"))));
        }
        assertThat(failedWith(f, bindsFrom, "INVALID_STATE")).isEqualTo(10);
        // Replacing what is there is still allowed at the bound.
        f.commanding.onMessage(CommandingFixture.message(f.signed(++seq, "seq.define", Map.of("name", "s1", "steps", steps))));
        assertThat(f.stages(seq)).containsExactly("ACCEPTED", "STARTED", "COMPLETED");
        f.assertReportsMatchTheIcd();
    }

    @Test
    void theControlLoopQueueHoldsItsLimitAndRefusesTheRestBusy() throws Exception {
        CommandingFixture f = new CommandingFixture(dir, 1024);
        f.commanding.registry().register(CommandSpec.builder("test.loop")
                .description("waits for the control loop")
                .execution(CommandSpec.Execution.CONTROL_LOOP)
                .handler(inv -> Outcome.completed()).build());
        int flood = 50;
        for (int i = 1; i <= flood; i++) { // no tick in between: the queue (limit 8 here) fills
            f.commanding.onMessage(CommandingFixture.message(f.signed(i, "test.loop", Map.of())));
        }
        assertThat(f.commanding.counters().rejectedFor(RejectReason.BUSY)).isEqualTo(flood - 8);
        f.tick();
        assertThat(f.commanding.counters().snapshot().completed()).isEqualTo(8);
        f.commanding.onMessage(CommandingFixture.message(f.signed(flood + 1, "test.loop", Map.of())));
        assertThat(f.stages(flood + 1)).containsExactly("ACCEPTED");
    }

    @Test
    void armTokensPastTheirBoundVoidTheOldestAndCountIt() throws Exception {
        CommandingFixture f = new CommandingFixture(dir, 1024);
        int flood = ArmTokens.MAX_OUTSTANDING + 36;
        String first = null;
        for (int i = 1; i <= flood; i++) {
            f.deliver(f.signed(i, "arm", Map.of("command", "test.power", "args", Map.of("level", 1))));
            if (i == 1) {
                first = f.lastReport().path("data").path("token").asText();
            }
        }
        assertThat(f.commanding.armTokens().outstanding()).isEqualTo(ArmTokens.MAX_OUTSTANDING);
        assertThat(f.commanding.armTokens().evicted()).isEqualTo(36);
        assertThat(f.commanding.counters().snapshot().evicted()).containsEntry("armTokens", 36L);
        var exec = f.ground.cmd(flood + 1, "test.power", Map.of("level", 1), T0.plusSeconds(3600));
        exec.put("arm", first);
        f.deliver(f.ground.sign(exec));
        assertThat(f.lastReport().path("reason").asText()).isEqualTo("NOT_ARMED");
    }

    @Test
    void theMemoriesOfRecentCommandsAndReportsForgetTheOldestAndCountItAndTheReplayWindowStaysFixed()
            throws Exception {
        CommandingFixture f = new CommandingFixture(dir, 1024);
        int flood = CommandDispatcher.REMEMBERED + 50;
        byte[] firstCommand = null;
        for (int i = 1; i <= flood; i++) {
            byte[] c = f.signed(i, "ping", Map.of());
            if (i == 1) {
                firstCommand = c;
            }
            f.commanding.onMessage(CommandingFixture.message(c));
        }
        CommandCounters.Snapshot s = f.commanding.counters().snapshot();
        assertThat(s.accepted()).isEqualTo(flood);
        assertThat(s.evicted()).containsEntry("recentCommands", 50L).containsEntry("recentReports", 50L);
        // An identical copy of a forgotten command cannot be told from a replay: refused, never run again.
        f.commanding.onMessage(CommandingFixture.message(firstCommand));
        JsonNode last = f.lastReport();
        assertThat(last.path("stage").asText()).isEqualTo("REJECTED");
        assertThat(last.path("reason").asText()).isEqualTo("REPLAY");
        assertThat(last.path("duplicate").asBoolean()).isFalse();
        assertThat(f.commanding.counters().snapshot().accepted()).isEqualTo(flood);
        // The anti-replay window is 64 numbers and one reservation whatever the flood: two durable writes.
        assertThat(f.commanding.replayWindow().writes()).isLessThanOrEqualTo(1 + flood / 1024);
    }

    @Test
    void aFloodOfForgedCommandsIsAnsweredAndCountedWhileTheLogWritesAFewLines() throws Exception {
        CommandingFixture f = new CommandingFixture(dir, 1024);
        int flood = 2_000;
        for (int i = 1; i <= flood; i++) {
            byte[] forged = TestSigner.envelope(f.ground.cmd(i, "ping", Map.of(), T0.plusSeconds(60)).toString()
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8), 1, TestSigner.KEY2);
            f.commanding.onMessage(CommandingFixture.message(forged));
        }
        f.tick();
        assertThat(f.commanding.counters().rejectedFor(RejectReason.BAD_MAC)).isEqualTo(flood);
        // 20 lines per 10 s: the rest counted in summary lines, never written one by one.
        assertThat(f.commanding.dispatcher().refusalLinesSuppressed()).isGreaterThanOrEqualTo(flood - 20L * 10);
        assertThat(f.down.reports()).hasSize(flood);
    }
}
