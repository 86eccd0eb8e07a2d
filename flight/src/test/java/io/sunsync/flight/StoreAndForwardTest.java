package io.sunsync.flight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sunsync.flight.app.FlightApplication;
import io.sunsync.flight.app.FlightConfig;
import io.sunsync.flight.link.GroundStation;
import io.sunsync.flight.link.InboundMessage;
import io.sunsync.flight.link.LinkConfig;
import io.sunsync.flight.link.MqttLink;
import io.sunsync.flight.link.Topics;
import io.sunsync.testkit.Broker;
import io.sunsync.testkit.MosquittoBroker;
import io.sunsync.testkit.SimSatelliteConfig;
import io.sunsync.testkit.TcpProxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Flight on the sim backend, producing telemetry in virtual time far faster than real time, while
 * the broker goes away or flight itself is killed: every housekeeping frame and event still
 * arrives, in order per stream, with nothing missing after de-duplication by sequence number.
 */
class StoreAndForwardTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    static Path config(Path dir, Broker broker, int speed) throws Exception {
        return config(dir, broker::port, speed);
    }

    static Path config(Path dir, java.util.function.IntSupplier port, int speed) throws Exception {
        return SimSatelliteConfig.write(dir, """
                satellite: {id: sat-001}
                link: {broker: "%s", reconnectMinMs: 50, reconnectMaxMs: 500}
                """.formatted("tcp://127.0.0.1:" + port.getAsInt()), "boards: 8, speed: " + speed);
    }

    /** The next sequence number of {@code stream} as the outbox saved it: how many it ever numbered. */
    static long numbered(Path dir, String stream) throws Exception {
        JsonNode state = JSON.readTree(dir.resolve("outbox/outbox-state.json").toFile());
        return state.path("streams").path(stream).path("nextSeq").asLong();
    }

    /** The events the ground received, once each, in order. */
    static List<JsonNode> events(GroundStation ground) throws Exception {
        List<JsonNode> events = new ArrayList<>();
        for (GroundStation.Received r : ground.deduplicated("evt")) {
            events.add(JSON.readTree(r.payload()));
        }
        return events;
    }

    @Test
    @Tag("mosquitto")
    void telemetryProducedWhileTheBrokerIsDownArrivesCompleteAndInOrderAfterItReturns(@TempDir Path dir)
            throws Exception {
        try (MosquittoBroker broker = MosquittoBroker.builder().persistence(true).start();
             GroundStation ground = new GroundStation(broker.url(), "ground-sf", "sat-001", true, null, null)) {
            Path file = config(dir, broker, 1000);
            Throwable[] failure = new Throwable[1];
            Thread flight = new Thread(() -> {
                try (FlightApplication app = new FlightApplication(FlightConfig.load(file), dir)) {
                    app.run(Duration.ofSeconds(4000)); // ~4 s of wall time at 1000x
                } catch (Throwable t) {
                    failure[0] = t;
                }
            }, "flight");
            flight.start();
            ground.await(() -> ground.stream("tm/hk").size() >= 500, Duration.ofSeconds(30));
            broker.stop();
            long downNs = System.nanoTime();
            // The outage lasts 1.5 s of wall time (~1,500 frames at 1000x): flight keeps producing with
            // nowhere to send them, and stays up all the while.
            await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(5)).until(flight::isAlive);
            broker.restart();
            flight.join(60_000);
            assertThat(failure[0]).isNull();
            assertThat(flight.isAlive()).isFalse();
            long frames = numbered(dir, "tm/hk");
            long events = numbered(dir, "evt");
            assertThat(frames).isEqualTo(4000);
            ground.awaitDistinct("tm/hk", frames, Duration.ofSeconds(60));
            ground.awaitDistinct("evt", events, Duration.ofSeconds(30));
            ground.assertCompleteInOrder("tm/hk", frames);
            ground.assertCompleteInOrder("evt", events);
            // The outage was seen and reported by flight itself.
            assertThat(ground.deduplicated("evt")).extracting(r -> JSON.readTree(r.payload()).path("code").asText())
                    .contains("LINK_DOWN", "LINK_UP");
            // Flight's own measure of the outage (wall time from losing the broker to reconnecting)
            // covers the 1.5 s the broker was down (less the moments it took to notice) and no more
            // than the time since the broker was stopped.
            double outageS = events(ground).stream().filter(e -> e.path("code").asText().equals("LINK_UP"))
                    .mapToDouble(e -> e.path("data").path("outageS").asDouble()).max().orElseThrow();
            double sinceDownS = (System.nanoTime() - downNs) / 1e9;
            assertThat(outageS).isBetween(1.0, sinceDownS);
        }
    }

    @Test
    @Tag("mosquitto")
    void aCommandPublishedWhileFlightIsAwayArrivesAfterItReconnectsEvenAcrossABrokerRestart(@TempDir Path dir)
            throws Exception {
        try (MosquittoBroker broker = MosquittoBroker.builder().persistence(true).start();
             GroundStation ground = new GroundStation(broker.url(), "sat-001")) {
            Topics t = new Topics("sat-001");
            LinkConfig config = LinkConfig.to(broker.url(), dir.resolve("outbox")).withReconnect(50, 500);
            MqttLink first = new MqttLink(config, t, "sunsync-sat-001", () -> Map.of("sat", "sat-001"));
            first.subscribe(t.under("tc"), 1, m -> { });
            first.start();
            await().atMost(Duration.ofSeconds(10)).until(() -> first.stats().connected());
            first.stop(); // a clean disconnect keeps the session: session expiry is 1 day
            // A QoS 1 publish returns on the broker's PUBACK: the command is queued for the absent satellite.
            ground.publish(t.under("tc"), "{\"cmd\":\"ping\",\"seq\":7}".getBytes(StandardCharsets.UTF_8));
            broker.restart(); // the queued command survives in Mosquitto's persistence
            MqttLink second = new MqttLink(config, t, "sunsync-sat-001", () -> Map.of("sat", "sat-001"));
            BlockingQueue<InboundMessage> commands = new LinkedBlockingQueue<>();
            second.subscribe(t.under("tc"), 1, commands::add);
            second.start();
            try {
                InboundMessage cmd = commands.poll(15, TimeUnit.SECONDS);
                assertThat(cmd).isNotNull();
                assertThat(new String(cmd.payload(), StandardCharsets.UTF_8)).contains("\"seq\":7");
            } finally {
                second.stop();
            }
        }
    }

    static Process launchFlight(Path config, Path log, String durationS) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                "io.sunsync.flight.app.FlightMain", "--config", config.toString(), "--duration-s", durationS));
        return new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    }

    @Test
    @Tag("mosquitto")
    void nothingIsLostOrDuplicatedAfterDeduplicationAcrossAKillDashNineOfFlight(@TempDir Path dir) throws Exception {
        try (MosquittoBroker broker = MosquittoBroker.start();
             TcpProxy link = TcpProxy.to(broker.port());
             GroundStation ground = new GroundStation(broker.url(), "sat-001")) {
            // Flight reaches the broker through a relay we can cut; the ground is connected directly.
            Path file = config(dir, () -> link.port(), 500);
            Path log = dir.resolve("flight.log");
            Process first = launchFlight(file, log, "100000");
            try {
                ground.await(() -> ground.stream("tm/hk").size() >= 300, Duration.ofSeconds(60));
                link.cut(); // out of contact: telemetry piles up in the outbox
                int seen = ground.stream("tm/hk").size();
                // For a second, at most what was already in flight when the relay was cut arrives.
                await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
                        .until(() -> ground.stream("tm/hk").size() <= seen + 100);
            } finally {
                first.destroyForcibly(); // SIGKILL with a backlog on disk: no shutdown hook, no flush
            }
            assertThat(first.waitFor(10, TimeUnit.SECONDS)).isTrue();
            assertThat(first.exitValue()).isEqualTo(137);
            long beforeRestart = ground.stream("tm/hk").stream().mapToLong(GroundStation.Received::seq).distinct().count();
            link.restore();

            Process second = launchFlight(file, log, "200");
            assertThat(second.waitFor(90, TimeUnit.SECONDS)).as("second run ended; log in %s", log).isTrue();
            assertThat(second.exitValue()).as(Files.readString(log)).isZero();
            long frames = numbered(dir, "tm/hk");
            assertThat(frames).isGreaterThanOrEqualTo(beforeRestart + 200);
            ground.awaitDistinct("tm/hk", frames, Duration.ofSeconds(60));
            ground.assertCompleteInOrder("tm/hk", frames);
            long events = numbered(dir, "evt");
            ground.awaitDistinct("evt", events, Duration.ofSeconds(30));
            ground.assertCompleteInOrder("evt", events);
            // The restarted flight found the backlog the killed one left on disk, and said so.
            JsonNode recovered = events(ground).stream()
                    .filter(e -> e.path("code").asText().equals("OUTBOX_RECOVERED")).findFirst().orElseThrow();
            assertThat(recovered.path("data").path("pending").asLong()).isGreaterThan(100);
        }
    }
}
