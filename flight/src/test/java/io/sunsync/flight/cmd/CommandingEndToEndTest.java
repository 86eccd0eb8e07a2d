package io.sunsync.flight.cmd;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import io.sunsync.flight.app.FlightApplication;
import io.sunsync.flight.app.FlightConfig;
import io.sunsync.flight.icd.IcdSchemas;
import io.sunsync.testkit.Broker;
import io.sunsync.testkit.Digests;
import io.sunsync.testkit.EmbeddedBroker;
import io.sunsync.testkit.MosquittoBroker;
import io.sunsync.testkit.SimSatelliteConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Flight on the sim backend with commanding, over a real broker: a ground client commands it and
 * follows the verification reports; every message flight sends validates against the ICD.
 */
class CommandingEndToEndTest {
    static final String SAT = "sat-001";
    static final String TC = "sunsync/sat-001/tc";
    static final Instant EPOCH = Instant.parse("2027-06-21T00:00:00Z");
    static final Instant FAR = EPOCH.plus(Duration.ofDays(1));

    /** Flight running on its own thread until closed. */
    static final class RunningFlight implements AutoCloseable {
        final FlightApplication app;
        final Thread thread;

        RunningFlight(Path dir, Broker broker) throws Exception {
            TestSigner.writeKeyFile(dir, SAT);
            Path file = SimSatelliteConfig.write(dir, """
                    satellite: {id: sat-001}
                    link: {broker: "%s"}
                    commanding: {keyFile: keys.json, stateDir: state, maxPayloadBytes: 4096}
                    """.formatted(broker.url()), "boards: 4, speed: 1");
            app = new FlightApplication(FlightConfig.load(file), dir);
            thread = new Thread(() -> {
                try {
                    app.run(null);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "flight-under-test");
            thread.start();
        }

        @Override
        public void close() throws Exception {
            app.requestStop();
            thread.join(30_000);
            app.close();
        }
    }

    static void assertEverythingFlightSentMatchesTheIcd(List<GroundClient.Received> received) {
        int checked = 0;
        for (GroundClient.Received r : received) {
            String schema = r.topic().endsWith("/birth") ? IcdSchemas.BIRTH
                    : r.topic().endsWith("/tm/hk") ? IcdSchemas.HK
                    : r.topic().endsWith("/evt") ? IcdSchemas.EVT
                    : r.topic().endsWith("/dict") ? IcdSchemas.DICT
                    : r.topic().contains("/tc/ack") ? IcdSchemas.TC_REPORT
                    : r.topic().equals(TC) ? null
                    : "unknown";
            assertThat(schema).as("flight sent on a topic the ICD does not list: %s", r.topic()).isNotEqualTo("unknown");
            if (schema != null) {
                List<Error> errors = IcdSchemas.validate(schema, new String(r.payload(), StandardCharsets.UTF_8));
                assertThat(errors).as("%s on %s", new String(r.payload(), StandardCharsets.UTF_8), r.topic()).isEmpty();
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(5);
    }

    @Test
    void aGroundStationCommandsFlightThroughHiveMqAndEveryMessageMatchesTheIcd(@TempDir Path dir) throws Exception {
        TestSigner signer = new TestSigner(SAT, 1, TestSigner.KEY1);
        try (EmbeddedBroker broker = EmbeddedBroker.start();
             GroundClient ground = new GroundClient(broker.url(), SAT)) {
            try (RunningFlight flight = new RunningFlight(dir, broker)) {
                JsonNode dict = ground.await(r -> r.topic().endsWith("/dict"), Duration.ofSeconds(20)).body();
                List<String> names = new ArrayList<>();
                dict.path("commands").forEach(c -> names.add(c.path("name").asText()));
                assertThat(names).contains("ping", "arm", "key.rotate", "mode.set", "board.enable", "board.disable",
                        "board.reset", "board.cap", "thermal.pump", "thermal.heater", "param.get", "param.set",
                        "telemetry.rate");
                assertThat(dict.path("telemetry").get(0).path("points").toString()).contains("\"path\":\"power.arrayW\"");

                // ping with MQTT 5 response topic and correlation data
                String reply = "sunsync/sat-001/tc/ack/ground-1";
                ground.send(TC, signer.sign(1, "ping", Map.of("echo", "hi"), FAR), reply, new byte[] {7, 7}, 60L);
                JsonNode done = ground.awaitReport(1, "COMPLETED");
                assertThat(done.path("data").path("echo").asText()).isEqualTo("hi");
                GroundClient.Received raw = ground.await(r -> r.topic().equals(reply) && r.body() != null
                        && r.body().path("stage").asText().equals("COMPLETED"), Duration.ofSeconds(5));
                assertThat(raw.correlationData()).containsExactly(7, 7);

                // arm, then disable a board: executes in the control loop through the hal
                ground.send(TC, signer.sign(2, "arm", Map.of("command", "board.disable",
                        "args", Map.of("board", "board-01")), FAR), reply, null, 60L);
                String token = ground.awaitReport(2, "COMPLETED").path("data").path("token").asText();
                ObjectNode disable = signer.cmd(3, "board.disable", Map.of("board", "board-01"), FAR);
                disable.put("arm", token);
                ground.send(TC, signer.sign(disable), reply, null, 60L);
                assertThat(ground.awaitReport(3, "COMPLETED").path("data").path("state").asText()).isEqualTo("DISABLED");
                ground.await(r -> r.topic().endsWith("/tm/hk") && r.body().path("boards").path("enabled").asInt() == 3
                        && r.body().path("commanding").path("completed").asInt() >= 3, Duration.ofSeconds(10));

                // downlink priorities through the outbox's routing
                ground.send(TC, signer.sign(4, "downlink.priority", Map.of("stream", "results", "priority", "HIGH"), FAR),
                        reply, null, 60L);
                assertThat(ground.awaitReport(4, "COMPLETED").path("data").path("priority").asText()).isEqualTo("HIGH");
                assertThat(flight.app.commanding().orElseThrow().registry().find("downlink.priority")).isPresent();

                // garbage gets an answer too, on tc/ack: an unauthenticated message does not choose the topic
                byte[] garbage = "{not json".getBytes(StandardCharsets.UTF_8);
                ground.send(TC, garbage, reply, null, null);
                String hash = Digests.sha256Hex(garbage);
                JsonNode rejected = ground.await(r -> r.topic().equals("sunsync/sat-001/tc/ack") && r.body() != null
                        && hash.equals(r.body().path("data").path("payloadSha256").asText()), Duration.ofSeconds(10)).body();
                assertThat(rejected.path("reason").asText()).isEqualTo("MALFORMED");
                ground.await(r -> r.topic().endsWith("/tm/hk")
                        && r.body().path("commanding").path("rejectedBy").path("MALFORMED").asInt() == 1, Duration.ofSeconds(10));
            }
            ground.await(r -> r.topic().endsWith("/birth") && "offline".equals(r.body().path("state").asText()),
                    Duration.ofSeconds(10));
            assertEverythingFlightSentMatchesTheIcd(ground.all());
        }
    }

    /** Publishes with the foreign mosquitto_pub client (MQTT 5), reading the payload from a file. */
    static void mosquittoPub(MosquittoBroker broker, Path payloadFile, String... extra) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(MosquittoBroker.tool("mosquitto_pub").toString(), "-V", "mqttv5",
                "-h", "127.0.0.1", "-p", String.valueOf(broker.port()), "-q", "1", "-t", TC, "-f", payloadFile.toString()));
        cmd.addAll(List.of(extra));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isZero();
    }

    @Test
    @Tag("mosquitto")
    void aForeignMosquittoPubClientsBadCommandsAreEachRejectedWithTheirReasonAndFlightKeepsRunning(@TempDir Path dir)
            throws Exception {
        TestSigner signer = new TestSigner(SAT, 1, TestSigner.KEY1);
        try (MosquittoBroker broker = MosquittoBroker.start();
             GroundClient ground = new GroundClient(broker.url(), SAT);
             RunningFlight flight = new RunningFlight(dir, broker)) {
            ground.await(r -> r.topic().endsWith("/dict"), Duration.ofSeconds(20));
            Map<String, byte[]> cases = new java.util.LinkedHashMap<>();
            cases.put("MALFORMED", "{\"v\":1,\"kid\":1,\"cmd\":{\"sat\":".getBytes(StandardCharsets.UTF_8));
            cases.put("BAD_MAC", new TestSigner(SAT, 1, TestSigner.KEY2).sign(10, "ping", Map.of(), FAR));
            byte[] good = signer.sign(11, "ping", Map.of("echo", "good"), FAR);
            cases.put("GOOD", good);
            cases.put("REPLAY", signer.sign(11, "ping", Map.of("echo", "again"), FAR));
            cases.put("EXPIRED", signer.sign(12, "ping", Map.of(), EPOCH.minusSeconds(1)));
            byte[] big = new byte[5000];
            java.util.Arrays.fill(big, (byte) 'x');
            cases.put("OVERSIZED", big);
            cases.put("SCHEMA_VIOLATION", "{\"v\":2}".getBytes(StandardCharsets.UTF_8));
            for (Map.Entry<String, byte[]> c : cases.entrySet()) {
                Path file = dir.resolve(c.getKey() + ".json");
                Files.write(file, c.getValue());
                // A response topic set by the foreign client is honoured once the MAC verifies; refusals
                // of unauthenticated payloads go to tc/ack. Correlation data comes back either way.
                mosquittoPub(broker, file, "-D", "publish", "response-topic", "sunsync/sat-001/tc/ack/mosq",
                        "-D", "publish", "correlation-data", c.getKey());
                byte[] corr = c.getKey().getBytes(StandardCharsets.UTF_8);
                String want = c.getKey().equals("GOOD") ? "COMPLETED" : "REJECTED";
                String topic = java.util.Set.of("GOOD", "REPLAY", "EXPIRED").contains(c.getKey())
                        ? "sunsync/sat-001/tc/ack/mosq" : "sunsync/sat-001/tc/ack";
                GroundClient.Received r = ground.await(m -> m.topic().equals(topic)
                        && m.correlationData() != null && java.util.Arrays.equals(m.correlationData(), corr)
                        && want.equals(m.body().path("stage").asText()), Duration.ofSeconds(15));
                if (!c.getKey().equals("GOOD")) {
                    assertThat(r.body().path("reason").asText()).as(c.getKey()).isEqualTo(c.getKey());
                }
            }
            // Still alive and commandable.
            ground.send(TC, signer.sign(13, "ping", Map.of(), FAR), null, null, 60L);
            ground.awaitReport(13, "COMPLETED");
            assertThat(flight.thread.isAlive()).isTrue();
            assertThat(flight.app.commanding().orElseThrow().counters().snapshot().rejected()).isEqualTo(6);
        }
    }
}
