package io.sunsync.flight.cmd;

import static io.sunsync.flight.cmd.CommandingFixture.T0;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sunsync.flight.events.Event;
import io.sunsync.flight.events.Severity;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TimeTagAndSequenceTest extends IcdCheckedCommanding {

    private List<JsonNode> reportsFrom(String kind) {
        return f.down.reports().stream().filter(r -> r.path("origin").path("kind").asText().equals(kind)).toList();
    }

    @Test
    void aTimeTaggedCommandRunsAtItsMissionTimeEvenAfterARestart() {
        f.deliver(f.signed(1, "timetag.insert", Map.of("at", T0.plusSeconds(60).toString(), "command", "test.count",
                "args", Map.of("n", 2))));
        assertThat(f.stages(1)).containsExactly("ACCEPTED", "STARTED", "COMPLETED");
        long id = f.lastReport().path("data").path("id").asLong();
        f.tick();
        assertThat(f.executed.get()).isZero();
        f.boot();
        assertThat(f.commanding.timeTagged()).isEqualTo(1);
        f.time.advance(Duration.ofSeconds(59));
        f.tick();
        assertThat(f.executed.get()).isZero();
        f.time.advance(Duration.ofSeconds(1));
        f.tick();
        assertThat(f.executed.get()).isEqualTo(1);
        List<JsonNode> tt = reportsFrom("timetag");
        assertThat(tt).extracting(r -> r.path("stage").asText()).containsExactly("STARTED", "COMPLETED");
        assertThat(tt.get(0).path("origin").path("id").asText()).isEqualTo(Long.toString(id));
        assertThat(f.down.sent.stream().filter(m -> m.topic().equals("sunsync/sat-001/tc/ack")).count()).isEqualTo(2);
        f.boot();
        f.time.advance(Duration.ofSeconds(100));
        f.tick();
        assertThat(f.executed.get()).as("released once, never again").isEqualTo(1);
    }

    @Test
    void insertionChecksTheCommandNowAndRefusesThePast() {
        f.deliver(f.signed(1, "timetag.insert", Map.of("at", T0.plusSeconds(60).toString(), "command", "no.such",
                "args", Map.of())));
        assertThat(f.lastReport().path("reason").asText()).isEqualTo("ARG_OUT_OF_RANGE");
        f.deliver(f.signed(2, "timetag.insert", Map.of("at", T0.plusSeconds(60).toString(), "command", "test.count",
                "args", Map.of("n", 99))));
        assertThat(f.lastReport().path("reason").asText()).isEqualTo("ARG_OUT_OF_RANGE");
        f.deliver(f.signed(3, "timetag.insert", Map.of("at", T0.minusSeconds(1).toString(), "command", "test.count",
                "args", Map.of())));
        assertThat(f.stages(3)).containsExactly("ACCEPTED", "STARTED", "FAILED");
        assertThat(f.lastReport().path("reason").asText()).isEqualTo("INVALID_STATE");
        assertThat(f.commanding.timeTagged()).isZero();
    }

    @Test
    void schedulingACriticalCommandIsArmedOnceAtInsertion() {
        Map<String, Object> args = Map.of("at", T0.plusSeconds(10).toString(), "command", "test.power",
                "args", Map.of("level", 4));
        f.deliver(f.signed(1, "timetag.insert", args));
        assertThat(f.lastReport().path("reason").asText()).isEqualTo("NOT_ARMED");
        f.deliver(f.signed(2, "arm", Map.of("command", "timetag.insert", "args", args)));
        ObjectNode insert = f.ground.cmd(3, "timetag.insert", args, T0.plusSeconds(60));
        insert.put("arm", f.lastReport().path("data").path("token").asText());
        f.deliver(f.ground.sign(insert));
        assertThat(f.stages(3)).containsExactly("ACCEPTED", "STARTED", "COMPLETED");
        f.time.advance(Duration.ofSeconds(10));
        f.tick();
        assertThat(f.powerLevel.get()).isEqualTo(4);
    }

    @Test
    void aTimeTaggedCommandCanBeDeletedAndListed() {
        f.deliver(f.signed(1, "timetag.insert", Map.of("at", T0.plusSeconds(60).toString(), "command", "test.count",
                "args", Map.of())));
        long id = f.lastReport().path("data").path("id").asLong();
        f.deliver(f.signed(2, "timetag.list", Map.of()));
        assertThat(f.lastReport().path("data").path("entries").get(0).path("command").asText()).isEqualTo("test.count");
        f.deliver(f.signed(3, "timetag.delete", Map.of("id", id)));
        assertThat(f.stages(3)).containsExactly("ACCEPTED", "STARTED", "COMPLETED");
        f.deliver(f.signed(4, "timetag.delete", Map.of("id", id)));
        assertThat(f.lastReport().path("reason").asText()).isEqualTo("NOT_FOUND");
        f.time.advance(Duration.ofSeconds(61));
        f.tick();
        assertThat(f.executed.get()).isZero();
    }

    private void define(long seq, String name, List<Map<String, Object>> steps) {
        f.deliver(f.signed(seq, "seq.define", Map.of("name", name, "steps", steps)));
        assertThat(f.stages(seq)).containsExactly("ACCEPTED", "STARTED", "COMPLETED");
    }

    @Test
    void aSequenceRunsItsStepsWithRelativeDelaysAndItsStartCommandFollowsTheRun() {
        define(1, "warmup", List.of(Map.of("delayS", 0, "command", "test.count", "args", Map.of()),
                Map.of("delayS", 10, "command", "test.count", "args", Map.of("n", 1))));
        f.deliver(f.signed(2, "seq.start", Map.of("name", "warmup")));
        assertThat(f.commanding.sequencesRunning()).isEqualTo(1);
        f.tick();
        assertThat(f.executed.get()).isEqualTo(1);
        f.time.advance(Duration.ofSeconds(9));
        f.tick();
        assertThat(f.executed.get()).isEqualTo(1);
        f.time.advance(Duration.ofSeconds(1));
        f.tick();
        f.tick();
        assertThat(f.executed.get()).isEqualTo(2);
        assertThat(f.stages(2)).containsExactly("ACCEPTED", "STARTED", "PROGRESS", "PROGRESS", "COMPLETED");
        assertThat(f.down.reports().stream().filter(r -> r.path("seq").asLong(-1) == 2 && r.path("stage").asText()
                .equals("PROGRESS")).map(r -> r.path("progressPct").asInt()).toList()).containsExactly(50, 100);
        assertThat(reportsFrom("sequence")).hasSize(4);
        assertThat(f.events).extracting(Event::code).containsSubsequence("SEQUENCE_STARTED", "SEQUENCE_COMPLETED");
        assertThat(f.commanding.sequencesRunning()).isZero();
    }

    @Test
    void anOnBoardEventStartsTheSequenceBoundToItAndBindingsSurviveARestart() {
        define(1, "safe-actions", List.of(Map.of("delayS", 0, "command", "test.count", "args", Map.of())));
        f.deliver(f.signed(2, "seq.bind", Map.of("event", "MODE_SAFE", "name", "safe-actions")));
        assertThat(f.stages(2)).containsExactly("ACCEPTED", "STARTED", "COMPLETED");
        f.boot();
        f.commanding.sequences().emit(Event.of(T0, Severity.HIGH, "modes", "MODE_SAFE", "entered SAFE"));
        f.commanding.sequences().emit(Event.of(T0, Severity.INFO, "modes", "MODE_NOMINAL", "unbound"));
        f.tick();
        f.tick();
        assertThat(f.executed.get()).isEqualTo(1);
        assertThat(reportsFrom("sequence")).extracting(r -> r.path("origin").path("id").asText()).containsOnly("safe-actions");
    }

    @Test
    void aFailingStepAbortsTheRun() {
        define(1, "bad", List.of(Map.of("delayS", 0, "command", "test.fail", "args", Map.of()),
                Map.of("delayS", 0, "command", "test.count", "args", Map.of())));
        f.deliver(f.signed(2, "seq.start", Map.of("name", "bad")));
        f.tick();
        f.tick();
        f.tick();
        assertThat(f.executed.get()).isZero();
        assertThat(f.stages(2)).containsExactly("ACCEPTED", "STARTED", "FAILED");
        assertThat(f.events).extracting(Event::code).contains("SEQUENCE_ABORTED");
    }

    @Test
    void seqStopCancelsARun() {
        define(1, "slow", List.of(Map.of("delayS", 100, "command", "test.count", "args", Map.of())));
        f.deliver(f.signed(2, "seq.start", Map.of("name", "slow")));
        f.deliver(f.signed(3, "seq.stop", Map.of("name", "slow")));
        assertThat(f.stages(2)).containsExactly("ACCEPTED", "STARTED", "FAILED");
        assertThat(f.down.reports().stream().filter(r -> r.path("seq").asLong(-1) == 2).toList().get(2)
                .path("reason").asText()).isEqualTo("CANCELLED");
        f.time.advance(Duration.ofSeconds(200));
        f.tick();
        assertThat(f.executed.get()).isZero();
    }

    @Test
    void aSequenceWithACriticalStepMustBeArmedToDefine() {
        f.deliver(f.signed(1, "seq.define", Map.of("name", "power", "steps",
                List.of(Map.of("delayS", 0, "command", "test.power", "args", Map.of("level", 1))))));
        assertThat(f.lastReport().path("reason").asText()).isEqualTo("NOT_ARMED");
        f.deliver(f.signed(2, "seq.define", Map.of("name", "nested", "steps",
                List.of(Map.of("delayS", 0, "command", "seq.start", "args", Map.of("name", "power"))))));
        assertThat(f.lastReport().path("reason").asText()).isEqualTo("ARG_OUT_OF_RANGE");
    }
}
