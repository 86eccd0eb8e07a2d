package io.sunsync.flight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sunsync.flight.app.FlightApplication;
import io.sunsync.flight.app.FlightConfig;
import io.sunsync.testkit.Broker;
import io.sunsync.testkit.EmbeddedBroker;
import io.sunsync.testkit.MosquittoBroker;
import io.sunsync.testkit.SimSatelliteConfig;
import io.sunsync.testkit.mqtt.Message;
import io.sunsync.testkit.mqtt.TestMqttClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Flight on the sim backend, publishing over a real broker to real subscribers. */
class FlightEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MISSION_S = 300;

    /** A message with its payload as JSON. */
    record Msg(String topic, JsonNode body, boolean retained) {
        static Msg of(Message m) {
            try {
                return new Msg(m.topic(), JSON.readTree(m.payload()), m.retained());
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON on " + m.topic() + ": " + m.text(), e);
            }
        }
    }

    /** A ground subscribed to everything sat-001 sends. */
    static TestMqttClient subscriber(Broker broker) throws MqttException {
        TestMqttClient client = TestMqttClient.to(broker).clientId("test-ground").connect();
        client.subscribe("sunsync/sat-001/#");
        return client;
    }

    static FlightApplication flight(Path dir, Broker broker) throws Exception {
        Path file = SimSatelliteConfig.write(dir, """
                satellite: {id: sat-001}
                link: {broker: "%s"}
                """.formatted(broker.url()), "boards: 8, speed: 0");
        return new FlightApplication(FlightConfig.load(file), dir);
    }

    /** Runs flight for MISSION_S of virtual time and returns what the subscriber received. */
    static List<Msg> runFlightAndCollect(Path dir, Broker broker) throws Exception {
        try (TestMqttClient ground = subscriber(broker)) {
            try (FlightApplication app = flight(dir, broker)) {
                app.run(Duration.ofSeconds(MISSION_S));
            }
            // Everything up to the final offline presence message (sent at clean stop).
            Message offline = ground.awaitMessage(m -> m.topic().endsWith("/birth")
                    && "offline".equals(Msg.of(m).body().path("state").asText()), Duration.ofSeconds(30));
            List<Message> received = ground.messages();
            return received.subList(0, received.indexOf(offline) + 1).stream().map(Msg::of).toList();
        }
    }

    static void assertEveryFrameArrivedInOrder(List<Msg> received) {
        List<Msg> hk = received.stream().filter(m -> m.topic().equals("sunsync/sat-001/tm/hk")).toList();
        assertThat(hk).hasSize(MISSION_S);
        for (int i = 0; i < hk.size(); i++) {
            JsonNode f = hk.get(i).body();
            assertThat(f.path("seq").asLong()).isEqualTo(i);
            assertThat(f.path("sat").asText()).isEqualTo("sat-001");
            assertThat(f.path("boards").path("count").asInt()).isEqualTo(8);
            // Each board's cap, in board order: they add up to the total (to the rounding of each).
            JsonNode caps = f.path("boards").path("capsW");
            assertThat(caps.size()).isEqualTo(8);
            double sum = 0;
            for (JsonNode c : caps) {
                assertThat(c.asInt()).isNotNegative();
                sum += c.asInt();
            }
            assertThat(sum).isCloseTo(f.path("boards").path("capW").asDouble(), within(4.0));
            assertThat(f.path("power").path("socPct").asDouble()).isBetween(0.0, 100.0);
            // Sections contributed by components appear as top-level fields.
            assertThat(f.path("control").path("mode").asText()).isEqualTo("NOMINAL");
            assertThat(f.path("control").path("budgetW").isNumber()).isTrue();
            assertThat(f.has("sections")).isFalse();
        }
        List<String> presence = received.stream().filter(m -> m.topic().endsWith("/birth"))
                .map(m -> m.body().path("state").asText()).toList();
        assertThat(presence).first().isEqualTo("online");
        assertThat(presence).last().isEqualTo("offline");
    }

    @Test
    void housekeepingReachesAnMqtt5SubscriberThroughEmbeddedHiveMq(@TempDir Path dir) throws Exception {
        try (EmbeddedBroker broker = EmbeddedBroker.start()) {
            assertEveryFrameArrivedInOrder(runFlightAndCollect(dir, broker));
        }
    }

    @Test
    @Tag("mosquitto")
    void housekeepingReachesMosquittoAndTheForeignMosquittoSubClient(@TempDir Path dir) throws Exception {
        try (MosquittoBroker broker = MosquittoBroker.start()) {
            // mosquitto_sub must be subscribed before flight publishes. A retained probe on a topic it
            // subscribes to after the housekeeping topic reaches it only once both subscriptions are in place.
            String probeTopic = "sunsync/test/probe";
            Process pub = new ProcessBuilder(MosquittoBroker.tool("mosquitto_pub").toString(), "-V", "mqttv5",
                    "-h", "127.0.0.1", "-p", String.valueOf(broker.port()), "-q", "1", "-r",
                    "-t", probeTopic, "-m", "probe")
                    .redirectErrorStream(true).start();
            assertThat(pub.waitFor(10, TimeUnit.SECONDS)).isTrue();
            assertThat(pub.exitValue()).as("mosquitto_pub of the probe").isZero();
            Path out = dir.resolve("mosquitto_sub.out");
            Process sub = new ProcessBuilder(MosquittoBroker.tool("mosquitto_sub").toString(), "-V", "mqttv5",
                    "-h", "127.0.0.1", "-p", String.valueOf(broker.port()), "-q", "1", "-v",
                    "-t", "sunsync/sat-001/tm/hk", "-t", probeTopic, "-C", "6", "-W", "60")
                    .redirectErrorStream(true).redirectOutput(out.toFile()).start();
            try {
                await().atMost(Duration.ofSeconds(10))
                        .until(() -> Files.readString(out).lines().anyMatch(l -> l.startsWith(probeTopic + " ")));
                assertEveryFrameArrivedInOrder(runFlightAndCollect(dir, broker));
                assertThat(sub.waitFor(30, TimeUnit.SECONDS)).isTrue();
                List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
                assertThat(sub.exitValue()).as("mosquitto_sub output: %s", lines).isZero();
                String hkPrefix = "sunsync/sat-001/tm/hk ";
                List<String> frames = lines.stream().filter(l -> l.startsWith(hkPrefix))
                        .map(l -> l.substring(hkPrefix.length())).toList();
                assertThat(frames).as("mosquitto_sub output: %s", lines).hasSize(5);
                for (String line : frames) {
                    JsonNode frame = JSON.readTree(line);
                    assertThat(frame.path("sat").asText()).isEqualTo("sat-001");
                    assertThat(frame.has("power")).isTrue();
                }
            } finally {
                sub.destroyForcibly();
            }
        }
    }
}
