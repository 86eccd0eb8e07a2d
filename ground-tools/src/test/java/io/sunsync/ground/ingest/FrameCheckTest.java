package io.sunsync.ground.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sunsync.ground.fleet.sim.SimulatedHousekeeping;
import io.sunsync.ground.mqtt.GroundConnection.Received;
import io.sunsync.ground.store.QuarantineReason;
import io.sunsync.ground.store.jdbc.JdbcHistory;
import io.sunsync.ground.testing.Messages;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Each way a frame fails the ICD ends in quarantine with its reason; the simulated fleet's frames pass. */
class FrameCheckTest {
    private static final Instant RX = Instant.parse("2026-11-25T10:00:00Z");
    private static final Instant T = Instant.parse("2027-06-21T00:00:00Z");
    private final FrameCheck check = new FrameCheck();

    private QuarantineReason reason(Received r) {
        FrameCheck.Verdict v = check.check(r, RX);
        assertThat(v.record()).isNull();
        assertThat(v.quarantined().payload()).isEqualTo(r.payload());
        assertThat(v.quarantined().detail()).isNotBlank();
        return v.quarantined().reason();
    }

    @Test
    void theSimulatedFleetsFramesFollowTheIcdWhateverTheirSize() {
        for (int boards : new int[] {1, 8, 96}) {
            SimulatedHousekeeping hk = new SimulatedHousekeeping(boards);
            for (int i = 0; i < 50; i++) {
                String frame = hk.frame("sat-0042", i, 1000L + i, T.plusSeconds(i));
                FrameCheck.Verdict v = check.check(Messages.withSeq("sunsync/sat-0042/tm/hk", frame, "tm/hk", 1000L + i), RX);
                assertThat(v.quarantined()).as("%d boards, satellite %d: %s", boards, i, v.quarantined()).isNull();
                assertThat(v.record().key().seq()).isEqualTo(1000L + i);
                assertThat(v.record().json()).as("the text as received, for the stores").isEqualTo(frame);
                assertThat(v.record().msg().path("boards").path("capsW").size()).isEqualTo(boards);
            }
        }
        assertThat(SimulatedHousekeeping.fleet(3)).containsExactly("sat-0001", "sat-0002", "sat-0003");
        assertThat(SimulatedHousekeeping.fleet(12_000).get(11_999)).isEqualTo("sat-12000");
        assertThat(SimulatedHousekeeping.reference().frame("sat-0001", 0, 0, T).length()).isBetween(1000, 1600);
    }

    @Test
    void eachWayOfFailingTheIcdHasItsReason() {
        String good = new SimulatedHousekeeping(4).frame("sat-0001", 0, 7, T);
        assertThat(reason(Messages.on("other/sat-0001/tm/hk", good))).isEqualTo(QuarantineReason.BAD_TOPIC);
        assertThat(reason(Messages.on("sunsync/sat 1/tm/hk", good))).isEqualTo(QuarantineReason.BAD_TOPIC);
        assertThat(reason(Messages.on("sunsync/sat-0001/tm/hk", "{\"sat\":"))).isEqualTo(QuarantineReason.NOT_JSON);
        // The stores write the text as received: a frame with anything after it is not one frame.
        assertThat(reason(Messages.on("sunsync/sat-0001/tm/hk", good + " {}"))).isEqualTo(QuarantineReason.NOT_JSON);
        assertThat(reason(new Received("sunsync/sat-0001/tm/hk", new byte[] {(byte) 0xc3, 0x28}, false, 1, 1, false, Map.of(),
                null))).isEqualTo(QuarantineReason.NOT_JSON);
        assertThat(reason(Messages.on("sunsync/sat-0001/tm/hk", good.replace("\"GOOD\"", "\"A\\u0000B\""))))
                .isEqualTo(QuarantineReason.UNSTORABLE);
        assertThat(reason(Messages.on("sunsync/sat-0001/tm/hk", good.replace("\"pumpsOn\":", "\"pumps\":"))))
                .isEqualTo(QuarantineReason.SCHEMA_VIOLATION);
        assertThat(reason(Messages.on("sunsync/sat-0002/tm/hk", good))).isEqualTo(QuarantineReason.SATELLITE_MISMATCH);
        assertThat(reason(Messages.on("sunsync/sat-0001/tm/hk", good.replace(T.toString(), "yesterday"))))
                .isEqualTo(QuarantineReason.BAD_TIME);
        assertThat(reason(Messages.on("sunsync/sat-0001/evt", "{\"t\":\"2027-06-21T00:00:00Z\",\"severity\":\"LOUD\","
                + "\"source\":\"x\",\"code\":\"X\",\"message\":\"m\",\"data\":{}}"))).isEqualTo(QuarantineReason.SCHEMA_VIOLATION);
    }

    /** Each kind's schema is found and enforced: an object with none of the required fields is refused, naming the schema. */
    @Test
    void everyKindWithASchemaRefusesAFrameMissingItsFields() {
        Map<String, String> topics = Map.of("hk", "tm/hk", "evt", "evt", "birth", "birth", "tc-ack", "tc/ack",
                "dict", "dict", "result-manifest", "results/job-1/manifest", "result-eof", "results/job-1/eof",
                "result-chunk", "results/job-1/chunk");
        topics.forEach((kind, subtopic) -> {
            FrameCheck.Verdict v = check.check(Messages.on("sunsync/sat-0001/" + subtopic, "{\"unexpected\":[1,{\"a\":null}]}"), RX);
            assertThat(v.accepted()).as(kind).isFalse();
            assertThat(v.quarantined().kind()).isEqualTo(kind);
            assertThat(v.quarantined().reason()).as(kind).isEqualTo(QuarantineReason.SCHEMA_VIOLATION);
            assertThat(v.quarantined().detail()).as(kind).startsWith(FrameCheck.schemaOf(kind) + ": ").contains("required");
        });
    }

    @Test
    void aVerifierRunsBeforeAnythingIsReadFromThePayload() {
        FrameCheck checked = new FrameCheck(r -> r.userProperties().containsKey("mac") ? null
                : new FrameCheck.Problem(QuarantineReason.STORE_REJECTED, "no MAC"));
        FrameCheck.Verdict v = checked.check(Messages.on("sunsync/sat-0001/tm/hk", "not even json"), RX);
        assertThat(v.quarantined().reason()).isEqualTo(QuarantineReason.STORE_REJECTED);
        assertThat(v.quarantined().detail()).isEqualTo("no MAC");
    }

    @Test
    void messagesOfKindsWithoutASchemaAreKeptAsTheyCame() {
        FrameCheck.Verdict v = check.check(Messages.on("sunsync/sat-0001/custom/thing", "{\"anything\":1}"), RX);
        assertThat(v.accepted()).isTrue();
        assertThat(v.record().kind()).isEqualTo("custom-thing");
        assertThat(FrameCheck.schemaOf("result-manifest")).isEqualTo("results-manifest.schema.json");
    }

    /** The store resolves paths through the frame's array sections in Java: the list must be the ICD's. */
    @Test
    void theHousekeepingArraySectionsTheStoreKnowsAreTheIcds() throws Exception {
        JsonNode schema;
        try (InputStream in = getClass().getResourceAsStream("/icd/schemas/hk.schema.json")) {
            schema = new ObjectMapper().readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        Set<String> arrays = new HashSet<>();
        schema.path("properties").fields().forEachRemaining(e -> {
            if ("array".equals(e.getValue().path("type").asText())) {
                arrays.add(e.getKey());
            }
        });
        assertThat(arrays).isEqualTo(JdbcHistory.HK_ARRAY_SECTIONS);
    }
}
