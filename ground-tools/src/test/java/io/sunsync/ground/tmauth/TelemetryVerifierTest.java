package io.sunsync.ground.tmauth;

import static org.assertj.core.api.Assertions.assertThat;

import io.sunsync.flight.link.auth.TelemetryAuthenticator;
import io.sunsync.ground.mqtt.GroundConnection.Received;
import io.sunsync.ground.store.QuarantineReason;
import io.sunsync.ground.tc.CommandKeyFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ground's verifier against flight's own signer (the real {@link TelemetryAuthenticator}):
 * what flight signs verifies; anything forged, altered, replayed or unsigned does not.
 */
class TelemetryVerifierTest {
    static final String SAT = "sat-001";
    static final String HK = "sunsync/sat-001/tm/hk";

    @TempDir
    Path dir;
    TelemetryAuthenticator flight;
    TelemetryVerifier ground;

    @BeforeEach
    void keys() throws Exception {
        Path file = dir.resolve("sat-001.tm-keys.json");
        CommandKeyFile.generate(file, SAT, 2);
        flight = TelemetryAuthenticator.load(file, dir.resolve("tm-keys-state.json"), SAT);
        ground = new TelemetryVerifier(TelemetryKeys.read(List.of(file)));
    }

    /** A message as flight's link publishes it: stream, seq, kid and mac user properties. */
    Received signed(String topic, String stream, long seq, String payload) {
        byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
        TelemetryAuthenticator.Signed s = flight.sign(topic, stream, seq, bytes);
        Map<String, String> props = new LinkedHashMap<>();
        props.put("stream", stream);
        props.put("seq", Long.toString(seq));
        props.put("kid", Integer.toString(s.kid()));
        props.put("mac", s.macHex());
        return new Received(topic, bytes, false, 1, 1, false, props, null);
    }

    static Received with(Received r, String topic, byte[] payload, Map<String, String> props) {
        return new Received(topic, payload, r.retained(), r.qos(), r.messageId(), r.duplicate(), props, null);
    }

    static Map<String, String> props(Received r, String key, String value) {
        Map<String, String> p = new LinkedHashMap<>(r.userProperties());
        if (value == null) {
            p.remove(key);
        } else {
            p.put(key, value);
        }
        return p;
    }

    @Test
    void whatFlightSignsIsAuthenticOnceThenADuplicate() {
        Received hk = signed(HK, "tm/hk", 7, "{\"sat\":\"sat-001\",\"power\":{\"socPct\":81.7}}");
        assertThat(ground.check(hk).verdict()).isEqualTo(Verdict.AUTHENTIC);
        TelemetryVerifier.Check again = ground.check(hk);
        assertThat(again.verdict()).isEqualTo(Verdict.DUPLICATE);
        assertThat(again.shown()).isFalse();
        assertThat(ground.check(signed(HK, "tm/hk", 8, "{}")).verdict()).isEqualTo(Verdict.AUTHENTIC);
        assertThat(ground.counts(SAT)).containsEntry(Verdict.AUTHENTIC, 2L).containsEntry(Verdict.DUPLICATE, 1L);
        assertThat(ground.refused()).isZero();
    }

    @Test
    void anAlteredPayloadTopicStreamOrSeqDoesNotVerify() {
        Received hk = signed(HK, "tm/hk", 7, "{\"sat\":\"sat-001\",\"power\":{\"socPct\":81.7}}");
        byte[] forged = "{\"sat\":\"sat-001\",\"power\":{\"socPct\":3.0}}".getBytes(StandardCharsets.UTF_8);
        assertThat(ground.check(with(hk, HK, forged, hk.userProperties())).verdict()).isEqualTo(Verdict.BAD_MAC);
        assertThat(ground.check(with(hk, "sunsync/sat-001/evt", hk.payload(), hk.userProperties())).verdict())
                .isEqualTo(Verdict.BAD_MAC);
        assertThat(ground.check(with(hk, HK, hk.payload(), props(hk, "seq", "8"))).verdict()).isEqualTo(Verdict.BAD_MAC);
        assertThat(ground.check(with(hk, HK, hk.payload(), props(hk, "stream", "evt"))).verdict()).isEqualTo(Verdict.BAD_MAC);
        assertThat(ground.check(with(hk, HK, hk.payload(), props(hk, "mac", "zz"))).verdict()).isEqualTo(Verdict.BAD_MAC);
        // Another satellite's topic: its keys (none here) decide, whatever the MAC.
        assertThat(ground.check(with(hk, "sunsync/sat-002/tm/hk", hk.payload(), hk.userProperties())).verdict())
                .isEqualTo(Verdict.NO_KEY);
        assertThat(ground.counts(SAT)).containsEntry(Verdict.BAD_MAC, 5L);
        assertThat(ground.refused(SAT)).isEqualTo(5);
        assertThat(ground.counts("sat-002")).containsEntry(Verdict.NO_KEY, 1L);
    }

    @Test
    void unsignedAndUnknownKeyMessagesAreRefused() {
        Received hk = signed(HK, "tm/hk", 7, "{}");
        assertThat(ground.check(with(hk, HK, hk.payload(), props(hk, "mac", null))).verdict()).isEqualTo(Verdict.UNSIGNED);
        assertThat(ground.check(with(hk, HK, hk.payload(), Map.of())).verdict()).isEqualTo(Verdict.UNSIGNED);
        assertThat(ground.check(with(hk, HK, hk.payload(), props(hk, "kid", "9"))).verdict()).isEqualTo(Verdict.UNKNOWN_KEY);
    }

    @Test
    void anAuthenticMessageOlderThanTheWindowIsAReplayAndLateOnesInsideItAreNew() {
        Received old = signed(HK, "tm/hk", 10, "{\"old\":true}");
        assertThat(ground.check(old).verdict()).isEqualTo(Verdict.AUTHENTIC);
        assertThat(ground.check(signed(HK, "tm/hk", 10 + TelemetryVerifier.WINDOW + 5, "{}")).verdict())
                .isEqualTo(Verdict.AUTHENTIC);
        TelemetryVerifier.Check replay = ground.check(old);
        assertThat(replay.verdict()).isEqualTo(Verdict.REPLAYED);
        assertThat(replay.detail()).contains("replay");
        TelemetryVerifier.Check late = ground.check(signed(HK, "tm/hk", 10 + TelemetryVerifier.WINDOW, "{}"));
        assertThat(late.verdict()).as("never seen, inside the window").isEqualTo(Verdict.AUTHENTIC);
        assertThat(late.newest()).as("but older than what was seen: not the satellite's latest state").isFalse();
        assertThat(ground.check(signed(HK, "tm/hk", 20 + 2L * TelemetryVerifier.WINDOW, "{}")).newest()).isTrue();
        // Streams are apart: evt #10 is new.
        assertThat(ground.check(signed("sunsync/sat-001/evt", "evt", 10, "{}")).verdict()).isEqualTo(Verdict.AUTHENTIC);
    }

    @Test
    void aRotationToTheNextKeyVerifiesAndTheKeyIdTravelsWithTheMessage() throws Exception {
        flight.rotateTo(2);
        Received hk = signed(HK, "tm/hk", 1, "{}");
        assertThat(hk.userProperties()).containsEntry("kid", "2");
        TelemetryVerifier.Check c = ground.check(hk);
        assertThat(c.verdict()).isEqualTo(Verdict.AUTHENTIC);
        assertThat(c.kid()).isEqualTo(2);
    }

    @Test
    void theArchiveQuarantinesRefusalsWithTheirReasonAndLetsDuplicatesThroughToItsOwnDeduplication() {
        var check = ground.forArchive();
        Received hk = signed(HK, "tm/hk", 1, "{}");
        assertThat(check.check(hk)).isNull();
        assertThat(check.check(hk)).isNull();
        var refused = check.check(with(hk, HK, "{}x".getBytes(StandardCharsets.UTF_8), hk.userProperties()));
        assertThat(refused.reason()).isEqualTo(QuarantineReason.BAD_MAC);
        assertThat(refused.detail()).startsWith("BAD_MAC");
    }

    @Test
    void countersForMadeUpSatellitesAreBounded() {
        for (int i = 0; i < TelemetryVerifier.MAX_UNKNOWN_SATELLITES + 500; i++) {
            ground.check(new Received("sunsync/fake-" + i + "/tm/hk", new byte[0], true, 1, 1, false, Map.of(), null));
        }
        Map<String, Map<Verdict, Long>> counts = ground.counts();
        assertThat(counts).hasSizeLessThanOrEqualTo(TelemetryVerifier.MAX_UNKNOWN_SATELLITES + 1);
        assertThat(counts.get(TelemetryVerifier.OTHER_SATELLITES)).containsEntry(Verdict.NO_KEY, 500L);
        assertThat(ground.refused()).isEqualTo(TelemetryVerifier.MAX_UNKNOWN_SATELLITES + 500L);
    }
}
