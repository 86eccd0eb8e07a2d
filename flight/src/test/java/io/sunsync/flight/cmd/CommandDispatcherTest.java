package io.sunsync.flight.cmd;

import static io.sunsync.flight.cmd.CommandingFixture.REPLY;
import static io.sunsync.flight.cmd.CommandingFixture.T0;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sunsync.flight.link.OutboundMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CommandDispatcherTest extends IcdCheckedCommanding {

    private String rejectReasonOf(byte[] payload) {
        f.deliver(payload);
        JsonNode r = f.lastReport();
        assertThat(r.path("stage").asText()).as("report %s", r).isEqualTo("REJECTED");
        return r.path("reason").asText();
    }

    @Test
    void aSignedPingIsAcceptedStartedAndCompletedOnItsResponseTopicWithItsCorrelationData() {
        f.deliver(f.signed(1, "ping", Map.of("echo", "hello")));
        assertThat(f.stages(1)).containsExactly("ACCEPTED", "STARTED", "COMPLETED");
        JsonNode done = f.lastReport();
        assertThat(done.path("data").path("echo").asText()).isEqualTo("hello");
        assertThat(done.path("data").path("t").asText()).isEqualTo(T0.toString());
        List<OutboundMessage> acks = f.down.sent.stream().filter(m -> m.topic().contains("/tc/ack")).toList();
        assertThat(acks).allSatisfy(m -> {
            assertThat(m.topic()).isEqualTo(REPLY);
            assertThat(new String(m.correlationData(), StandardCharsets.UTF_8)).isEqualTo("corr-1");
            assertThat(m.qos()).isEqualTo(1);
            assertThat(m.retained()).isFalse();
        });
    }

    @Test
    void aResponseTopicOutsideTheSatellitesAckTreeFallsBackToTcAck() {
        f.commanding.onMessage(new io.sunsync.flight.link.InboundMessage("sunsync/sat-001/tc",
                f.signed(1, "ping", Map.of()), 1, false, false, "sunsync/sat-002/tc", null, null, Map.of()));
        assertThat(f.down.sent).allSatisfy(m -> assertThat(m.topic()).isEqualTo("sunsync/sat-001/tc/ack"));
    }

    @Test
    void anUnauthenticatedCommandCannotChooseWhereItsRefusalGoes() {
        byte[] payload = f.signed(5, "ping", Map.of());
        String s = new String(payload, StandardCharsets.UTF_8);
        int at = s.indexOf("\"mac\":\"") + 7;
        byte[] forged = (s.substring(0, at) + (s.charAt(at) == '0' ? '1' : '0') + s.substring(at + 1))
                .getBytes(StandardCharsets.UTF_8);
        for (byte[] p : List.of(forged, "not json".getBytes(StandardCharsets.UTF_8), new byte[5000])) {
            f.down.sent.clear();
            f.deliver(p);
            assertThat(f.down.sent).as("refusal of %s", new String(p, 0, Math.min(20, p.length), StandardCharsets.UTF_8))
                    .singleElement().satisfies(m -> {
                        assertThat(m.topic()).isEqualTo("sunsync/sat-001/tc/ack");
                        assertThat(new String(m.correlationData(), StandardCharsets.UTF_8)).isEqualTo("corr-1");
                    });
        }
        // The same command with a valid MAC is answered on the response topic it chose.
        f.down.sent.clear();
        f.deliver(payload);
        assertThat(f.down.sent).isNotEmpty().allSatisfy(m -> assertThat(m.topic()).isEqualTo(REPLY));
    }

    @Test
    void aFloodOfForgedResponseTopicsPublishesOnOneTopic() {
        for (int i = 0; i < 2_000; i++) {
            f.commanding.onMessage(new io.sunsync.flight.link.InboundMessage("sunsync/sat-001/tc",
                    ("forged " + i).getBytes(StandardCharsets.UTF_8), 1, false, false, "sunsync/sat-001/tc/ack/x" + i,
                    null, null, Map.of()));
        }
        assertThat(f.down.sent).hasSize(2_000);
        assertThat(f.down.sent.stream().map(OutboundMessage::topic).distinct()).containsExactly("sunsync/sat-001/tc/ack");
    }

    @Test
    void garbageIsRejectedAsMalformedWithItsSizeAndHash() {
        byte[] garbage = {(byte) 0xff, 0x00, 0x13, 'x'};
        assertThat(rejectReasonOf(garbage)).isEqualTo("MALFORMED");
        JsonNode r = f.lastReport();
        assertThat(r.path("seq").isNull()).isTrue();
        assertThat(r.path("data").path("payloadBytes").asInt()).isEqualTo(4);
        assertThat(r.path("data").path("payloadSha256").asText()).hasSize(64);
        assertThat(rejectReasonOf("{\"v\":1,".getBytes(StandardCharsets.UTF_8))).isEqualTo("MALFORMED");
        assertThat(rejectReasonOf(new byte[0])).isEqualTo("MALFORMED");
    }

    @Test
    void duplicateKeysAreMalformedSoNoParserCanReadAnotherCmdThanTheSignedOne() {
        String good = new String(f.signed(1, "ping", Map.of()), StandardCharsets.UTF_8);
        String twoCmds = good.replace("\"cmd\":", "\"cmd\":{\"sat\":\"sat-001\"},\"cmd\":");
        assertThat(rejectReasonOf(twoCmds.getBytes(StandardCharsets.UTF_8))).isEqualTo("MALFORMED");
    }

    @Test
    void anOversizedPayloadIsRejectedBeforeParsing() {
        byte[] big = new byte[4097];
        Arrays.fill(big, (byte) ' ');
        assertThat(rejectReasonOf(big)).isEqualTo("OVERSIZED");
    }

    @Test
    void envelopeAndCommandSchemaViolationsAreRejected() {
        assertThat(rejectReasonOf("{\"v\":1,\"kid\":1,\"cmd\":{}}".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("SCHEMA_VIOLATION");
        assertThat(rejectReasonOf("[1,2,3]".getBytes(StandardCharsets.UTF_8))).isEqualTo("MALFORMED");
        ObjectNode cmd = f.ground.cmd(1, "ping", Map.of(), T0.plusSeconds(60));
        cmd.put("extra", true);
        assertThat(rejectReasonOf(f.ground.sign(cmd))).isEqualTo("SCHEMA_VIOLATION");
        assertThat(f.lastReport().path("seq").asLong()).isEqualTo(1);
    }

    @Test
    void aWrongMacIsRejectedAndDoesNotMoveTheAntiReplayCounter() {
        byte[] payload = f.signed(5, "ping", Map.of());
        String s = new String(payload, StandardCharsets.UTF_8);
        int at = s.indexOf("\"mac\":\"") + 7;
        char c = s.charAt(at);
        byte[] forged = (s.substring(0, at) + (c == '0' ? '1' : '0') + s.substring(at + 1)).getBytes(StandardCharsets.UTF_8);
        assertThat(rejectReasonOf(forged)).isEqualTo("BAD_MAC");
        assertThat(f.lastReport().path("data").path("claimedSeq").asLong()).isEqualTo(5);
        assertThat(f.commanding.replayWindow().last()).isZero();
        f.deliver(payload);
        assertThat(f.stages(5)).containsExactly("ACCEPTED", "STARTED", "COMPLETED");
    }

    @Test
    void aCommandSignedWithAnotherKeyIsRefused() {
        TestSigner intruder = new TestSigner("sat-001", 1, TestSigner.KEY2);
        assertThat(rejectReasonOf(intruder.sign(1, "ping", Map.of(), T0.plusSeconds(60)))).isEqualTo("BAD_MAC");
        TestSigner notActive = new TestSigner("sat-001", 2, TestSigner.KEY2);
        assertThat(rejectReasonOf(notActive.sign(1, "ping", Map.of(), T0.plusSeconds(60)))).isEqualTo("UNKNOWN_KEY");
    }

    @Test
    void aCommandForAnotherSatelliteIsRefused() {
        TestSigner other = new TestSigner("sat-002", 1, TestSigner.KEY1);
        assertThat(rejectReasonOf(other.sign(1, "ping", Map.of(), T0.plusSeconds(60)))).isEqualTo("WRONG_SATELLITE");
    }

    @Test
    void aReusedSequenceNumberIsAReplayAndAnIdenticalRedeliveryIsAnsweredWithoutActingAgain() {
        byte[] first = f.signed(7, "test.count", Map.of());
        f.deliver(first);
        assertThat(f.executed.get()).isEqualTo(1);
        f.down.clear();
        // QoS 1 redelivery: same bytes. Answered with the latest report, marked duplicate; nothing runs.
        f.deliver(first);
        assertThat(f.executed.get()).isEqualTo(1);
        JsonNode dup = f.lastReport();
        assertThat(dup.path("duplicate").asBoolean()).isTrue();
        assertThat(dup.path("stage").asText()).isEqualTo("COMPLETED");
        assertThat(f.down.reports()).hasSize(1);
        // Another command under a used number is a replay.
        assertThat(rejectReasonOf(f.signed(7, "test.count", Map.of("n", 1)))).isEqualTo("REPLAY");
        assertThat(f.executed.get()).isEqualTo(1);
        assertThat(f.commanding.counters().snapshot().duplicates()).isEqualTo(1);
    }

    @Test
    void aReplayedNumberDoesNotChangeHowARedeliveredCopyOfTheOriginalIsAnswered() {
        byte[] first = f.signed(9, "test.count", Map.of());
        f.deliver(first);
        assertThat(rejectReasonOf(f.signed(9, "test.count", Map.of("n", 2)))).isEqualTo("REPLAY");
        assertThat(rejectReasonOf(new TestSigner("sat-002", 1, TestSigner.KEY1).sign(9, "ping", Map.of(),
                T0.plusSeconds(60)))).isEqualTo("WRONG_SATELLITE");
        f.down.clear();

        f.deliver(first);

        JsonNode dup = f.lastReport();
        assertThat(dup.path("duplicate").asBoolean()).isTrue();
        assertThat(dup.path("stage").asText()).as("the original's outcome, not the replay's").isEqualTo("COMPLETED");
        assertThat(f.executed.get()).isEqualTo(1);
    }

    @Test
    void numbersWithinTheWindowMayArriveOutOfOrderButOlderOnesAreReplays() {
        f.deliver(f.signed(100, "test.count", Map.of()));
        f.deliver(f.signed(98, "test.count", Map.of()));
        assertThat(f.executed.get()).isEqualTo(2);
        assertThat(rejectReasonOf(f.signed(100 - 64, "test.count", Map.of()))).isEqualTo("REPLAY");
        assertThat(f.lastReport().path("message").asText()).contains("older than the anti-replay window");
    }

    @Test
    void theAntiReplayCounterSurvivesARestart() {
        byte[] payload = f.signed(3, "test.count", Map.of());
        f.deliver(payload);
        f.boot();
        f.down.clear();
        // After a reboot the outcome cache is gone: the same bytes are a plain replay.
        assertThat(rejectReasonOf(payload)).isEqualTo("REPLAY");
        assertThat(f.executed.get()).isEqualTo(1);
        assertThat(f.commanding.replayWindow().last()).isEqualTo(3);
    }

    @Test
    void theValidityWindowIsCheckedInMissionTime() {
        ObjectNode early = f.ground.cmd(1, "ping", Map.of(), T0.plusSeconds(600));
        early.put("notBefore", T0.plusSeconds(60).toString());
        assertThat(rejectReasonOf(f.ground.sign(early))).isEqualTo("NOT_YET_VALID");
        assertThat(rejectReasonOf(f.ground.sign(2, "ping", Map.of(), T0.minusSeconds(1)))).isEqualTo("EXPIRED");
        f.time.advance(Duration.ofSeconds(61));
        ObjectNode now = f.ground.cmd(3, "ping", Map.of(), T0.plusSeconds(600));
        now.put("notBefore", T0.plusSeconds(60).toString());
        f.deliver(f.ground.sign(now));
        assertThat(f.stages(3)).containsExactly("ACCEPTED", "STARTED", "COMPLETED");
    }

    @Test
    void unknownCommandsAndBadArgumentsAreRejectedWithTheirOwnCodes() {
        assertThat(rejectReasonOf(f.signed(1, "no.such", Map.of()))).isEqualTo("UNKNOWN_COMMAND");
        assertThat(rejectReasonOf(f.signed(2, "test.count", Map.of("n", 11)))).isEqualTo("ARG_OUT_OF_RANGE");
        assertThat(rejectReasonOf(f.signed(3, "test.count", Map.of("n", "three")))).isEqualTo("SCHEMA_VIOLATION");
        assertThat(rejectReasonOf(f.signed(4, "test.count", Map.of("m", 1)))).isEqualTo("SCHEMA_VIOLATION");
        assertThat(f.executed.get()).isZero();
    }

    @Test
    void aCriticalCommandNeedsAnArmTokenBoundToItsArguments() throws Exception {
        assertThat(rejectReasonOf(f.signed(1, "test.power", Map.of("level", 3)))).isEqualTo("NOT_ARMED");
        f.deliver(f.signed(2, "arm", Map.of("command", "test.power", "args", Map.of("level", 3))));
        String token = f.lastReport().path("data").path("token").asText();
        assertThat(token).hasSize(32);
        // The token is bound to level 3: level 4 is refused, and the wrong try does not spend it.
        ObjectNode other = f.ground.cmd(3, "test.power", Map.of("level", 4), T0.plusSeconds(60));
        other.put("arm", token);
        assertThat(rejectReasonOf(f.ground.sign(other))).isEqualTo("NOT_ARMED");
        ObjectNode exec = f.ground.cmd(4, "test.power", Map.of("level", 3), T0.plusSeconds(60));
        exec.put("arm", token);
        f.deliver(f.ground.sign(exec));
        assertThat(f.stages(4)).containsExactly("ACCEPTED", "STARTED", "COMPLETED");
        assertThat(f.powerLevel.get()).isEqualTo(3);
        // Single use.
        ObjectNode again = f.ground.cmd(5, "test.power", Map.of("level", 3), T0.plusSeconds(60));
        again.put("arm", token);
        assertThat(rejectReasonOf(f.ground.sign(again))).isEqualTo("NOT_ARMED");
    }

    @Test
    void armTokensExpireAndAreClearedByAModeChangeAndAReboot() throws Exception {
        String t1 = arm(1);
        f.time.advance(Duration.ofSeconds(31));
        assertThat(execWith(2, t1)).isEqualTo("NOT_ARMED");
        assertThat(f.lastReport().path("message").asText()).contains("expired");
        String t2 = arm(3);
        f.modes.requestMode("SAFE", "test");
        f.modes.requestMode("NOMINAL", "test");
        assertThat(execWith(4, t2)).isEqualTo("NOT_ARMED");
        String t3 = arm(5);
        f.boot();
        assertThat(execWith(6, t3)).isEqualTo("NOT_ARMED");
        assertThat(f.powerLevel.get()).isEqualTo(-1);
    }

    private String arm(long seq) {
        f.deliver(f.signed(seq, "arm", Map.of("command", "test.power", "args", Map.of("level", 1))));
        return f.lastReport().path("data").path("token").asText();
    }

    private String execWith(long seq, String token) {
        ObjectNode exec = f.ground.cmd(seq, "test.power", Map.of("level", 1), f.time.now().plusSeconds(60));
        exec.put("arm", token);
        return rejectReasonOf(f.ground.sign(exec));
    }

    @Test
    void armingANonCriticalCommandIsRefused() {
        assertThat(rejectReasonOf(f.signed(1, "arm", Map.of("command", "ping", "args", Map.of()))))
                .isEqualTo("ARG_OUT_OF_RANGE");
    }

    @Test
    void aCommandNotAllowedInTheModeIsRejected() throws Exception {
        f.modes.requestMode("SAFE", "test");
        assertThat(rejectReasonOf(f.signed(1, "test.power", Map.of("level", 1)))).isEqualTo("NOT_ALLOWED_IN_MODE");
    }

    @Test
    void controlLoopCommandsRunAtTheNextTick() throws Exception {
        f.deliver(f.signed(1, "arm", Map.of("command", "test.power", "args", Map.of("level", 2))));
        ObjectNode exec = f.ground.cmd(2, "test.power", Map.of("level", 2), T0.plusSeconds(60));
        exec.put("arm", f.lastReport().path("data").path("token").asText());
        f.commanding.onMessage(CommandingFixture.message(f.ground.sign(exec)));
        assertThat(f.stages(2)).containsExactly("ACCEPTED");
        assertThat(f.powerLevel.get()).isEqualTo(-1);
        f.tick();
        assertThat(f.stages(2)).containsExactly("ACCEPTED", "STARTED", "COMPLETED");
        assertThat(f.powerLevel.get()).isEqualTo(2);
    }

    @Test
    void keyRotationRefusesTheOldKeyAfterwardsAndSurvivesARestart() {
        f.deliver(f.signed(1, "arm", Map.of("command", "key.rotate", "args", Map.of("keyId", 2))));
        ObjectNode rotate = f.ground.cmd(2, "key.rotate", Map.of("keyId", 2), T0.plusSeconds(60));
        rotate.put("arm", f.lastReport().path("data").path("token").asText());
        f.deliver(f.ground.sign(rotate));
        assertThat(f.stages(2)).containsExactly("ACCEPTED", "STARTED", "COMPLETED");
        assertThat(f.lastReport().path("data").path("activeKeyId").asInt()).isEqualTo(2);
        assertThat(rejectReasonOf(f.signed(3, "ping", Map.of()))).isEqualTo("KEY_REVOKED");
        f.ground.use(2, TestSigner.KEY2);
        f.deliver(f.signed(4, "ping", Map.of()));
        assertThat(f.stages(4)).containsExactly("ACCEPTED", "STARTED", "COMPLETED");
        f.boot();
        f.ground.use(1, TestSigner.KEY1);
        assertThat(rejectReasonOf(f.signed(5, "ping", Map.of()))).isEqualTo("KEY_REVOKED");
        assertThat(f.commanding.keys().activeKeyId()).isEqualTo(2);
    }

    @Test
    void rejectionsAreCountedByReason() {
        rejectReasonOf(new byte[] {1, 2, 3});
        rejectReasonOf(new byte[] {4});
        rejectReasonOf(f.signed(1, "no.such", Map.of()));
        f.deliver(f.signed(2, "ping", Map.of()));
        CommandCounters.Snapshot c = f.commanding.counters().snapshot();
        assertThat(c.received()).isEqualTo(4);
        assertThat(c.accepted()).isEqualTo(1);
        assertThat(c.rejected()).isEqualTo(3);
        assertThat(c.rejectedBy()).containsEntry("MALFORMED", 2L).containsEntry("UNKNOWN_COMMAND", 1L);
        assertThat(c.completed()).isEqualTo(1);
    }

    @Test
    void aHandlerThatThrowsFailsTheCommandWithInternalError() {
        f.commanding.registry().register(CommandSpec.builder("test.boom").description("throws")
                .handler(inv -> {
                    throw new IllegalStateException("boom");
                }).build());
        f.deliver(f.signed(1, "test.boom", Map.of()));
        assertThat(f.stages(1)).containsExactly("ACCEPTED", "STARTED", "FAILED");
        assertThat(f.lastReport().path("reason").asText()).isEqualTo("INTERNAL_ERROR");
    }

    @Test
    void parametersCanBeReadAndSetWithinTheirRange() {
        f.deliver(f.signed(1, "param.set", Map.of("name", "commanding.armTimeoutS", "value", 10)));
        assertThat(f.stages(1)).containsExactly("ACCEPTED", "STARTED", "COMPLETED");
        assertThat(f.commanding.armTokens().lifetime()).isEqualTo(Duration.ofSeconds(10));
        assertThat(rejectReasonOf(f.signed(2, "param.set", Map.of("name", "commanding.armTimeoutS", "value", 0))))
                .isEqualTo("ARG_OUT_OF_RANGE");
        assertThat(rejectReasonOf(f.signed(3, "param.set", Map.of("name", "no.such", "value", 1))))
                .isEqualTo("ARG_OUT_OF_RANGE");
        f.deliver(f.signed(4, "param.get", Map.of("name", "commanding.armTimeoutS")));
        assertThat(f.lastReport().path("data").path("values").path("commanding.armTimeoutS").asDouble()).isEqualTo(10.0);
    }
}
