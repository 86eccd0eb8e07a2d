package io.sunsync.ground.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sunsync.ground.mqtt.GroundConnection;
import io.sunsync.ground.testing.Cli;
import io.sunsync.ground.testing.FlyingSatellite;
import io.sunsync.ground.testing.Messages;
import io.sunsync.testkit.MosquittoBroker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What issue 20 found, tried again: a foreign client ({@code mosquitto_pub}) on a real Mosquitto
 * publishes a retained birth and housekeeping for a made-up satellite, forged frames for a real
 * one (unsigned, and with a made-up MAC), and replays a recorded authentic frame, while
 * {@code ground status} listens. None of it may be shown as a satellite's state.
 */
@Tag("mosquitto")
class ForeignClientForgeryTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private static Process mosquittoPub(MosquittoBroker broker, String topic, Path payload, boolean retained,
                                        int repeat, Map<String, String> userProperties) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(MosquittoBroker.tool("mosquitto_pub").toString(), "-V", "mqttv5",
                "-h", "127.0.0.1", "-p", String.valueOf(broker.port()), "-q", "1", "-t", topic, "-f", payload.toString()));
        if (retained) {
            cmd.add("-r");
        }
        if (repeat > 1) {
            cmd.addAll(List.of("--repeat", Integer.toString(repeat), "--repeat-delay", "0.05"));
        }
        userProperties.forEach((k, v) -> cmd.addAll(List.of("-D", "publish", "user-property", k, v)));
        return new ProcessBuilder(cmd).redirectErrorStream(true).start();
    }

    private static void ran(Process p) throws Exception {
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(new String(p.getInputStream().readAllBytes())).isZero();
    }

    @Test
    void forgedMadeUpAndReplayedTelemetryFromMosquittoPubIsNeverShownAsASatellitesState() throws Exception {
        try (MosquittoBroker broker = MosquittoBroker.start();
             FlyingSatellite sat = FlyingSatellite.start(dir, "sat-001", broker.url(), 10)) {
            // Record one authentic frame (payload and properties) to replay later.
            GroundConnection.Received recorded;
            try (GroundConnection tap = GroundConnection.open(broker.url())) {
                tap.subscribe("sunsync/sat-001/tm/hk");
                GroundConnection.Received r;
                do {
                    r = tap.poll(10_000);
                    assertThat(r).as("no housekeeping from flight").isNotNull();
                } while (r.retained() || !r.userProperties().containsKey("mac"));
                recorded = r;
                long recordedSeq = Long.parseLong(recorded.userProperties().get("seq"));
                await().atMost(Duration.ofSeconds(20)).until(() -> {
                    GroundConnection.Received n = tap.poll(100);
                    return n != null && Long.parseLong(n.userProperties().getOrDefault("seq", "0")) > recordedSeq + 3;
                });
            }
            Path fakeBirth = Files.writeString(dir.resolve("birth.json"), "{\"sat\":\"sat-fake\",\"state\":\"online\"}");
            Path fakeHk = Files.writeString(dir.resolve("fake-hk.json"), Messages.hk("sat-fake", 1, "2027-06-21T00:00:01Z", 50.0));
            Path forged = Files.writeString(dir.resolve("forged-hk.json"), Messages.hk("sat-001", 99_999,
                    "2027-06-21T00:00:01Z", 3.0).replace("NOMINAL", "SAFE"));
            Path replay = Files.write(dir.resolve("replay.json"), recorded.payload());
            ran(mosquittoPub(broker, "sunsync/sat-fake/birth", fakeBirth, true, 1, Map.of()));
            ran(mosquittoPub(broker, "sunsync/sat-fake/tm/hk", fakeHk, true, 1, Map.of()));
            CompletableFuture<Cli.Run> status = CompletableFuture.supplyAsync(() -> Cli.run("status", "--profile",
                    sat.profile().toString(), "-b", broker.url(), "--timeout-s", "4", "--json"));
            Process unsigned = mosquittoPub(broker, "sunsync/sat-001/tm/hk", forged, false, 60, Map.of());
            Process badMac = mosquittoPub(broker, "sunsync/sat-001/tm/hk", forged, false, 60, Map.of("stream", "tm/hk",
                    "seq", "99999", "kid", "1", "mac", "ab".repeat(32)));
            Process replayed = mosquittoPub(broker, "sunsync/sat-001/tm/hk", replay, false, 60, recorded.userProperties());
            ran(unsigned);
            ran(badMac);
            ran(replayed);
            Cli.Run r = status.get(60, TimeUnit.SECONDS);
            assertThat(r.exit()).as(r.err()).isEqualTo(ExitCode.UNAUTHENTIC.code());
            JsonNode sats = JSON.readTree(r.out()).path("satellites");
            JsonNode fake = null;
            JsonNode real = null;
            for (JsonNode s : sats) {
                fake = s.path("sat").asText().equals("sat-fake") ? s : fake;
                real = s.path("sat").asText().equals("sat-001") ? s : real;
            }
            assertThat(fake).as("the made-up satellite is listed with its refusals").isNotNull();
            assertThat(fake.path("hk").isMissingNode() || fake.path("hk").isNull()).isTrue();
            assertThat(fake.path("presence").asText()).isEqualTo("unknown");
            assertThat(fake.path("authentication").path("refusedBy").path("NO_KEY").asLong()).isEqualTo(2);
            assertThat(real).isNotNull();
            assertThat(real.path("authentication").path("refusedBy").path("UNSIGNED").asLong()).isPositive();
            assertThat(real.path("authentication").path("refusedBy").path("BAD_MAC").asLong()).isPositive();
            JsonNode hk = real.path("hk");
            assertThat(hk.path("mode").asText()).isNotEqualTo("SAFE");
            assertThat(hk.path("power").path("socPct").asDouble()).isGreaterThan(3.0);
            // The replayed frame verifies, but it is older than what status had seen: never its latest state.
            assertThat(hk.path("seq").asLong()).isNotEqualTo(JSON.readTree(recorded.payload()).path("seq").asLong());
        }
    }
}
