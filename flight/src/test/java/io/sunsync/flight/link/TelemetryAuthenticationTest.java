package io.sunsync.flight.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sunsync.flight.cmd.auth.CommandMac;
import io.sunsync.flight.link.auth.TelemetryAuthenticator;
import io.sunsync.flight.link.auth.TelemetryMacInput;
import io.sunsync.testkit.Closer;
import io.sunsync.testkit.EmbeddedBroker;
import io.sunsync.testkit.TcpProxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every message flight publishes, presence included, carries the MAC of the active telemetry key. */
class TelemetryAuthenticationTest {
    static final HexFormat HEX = HexFormat.of();
    static final String TM1 = "7e".repeat(32);
    static final String TM2 = "81".repeat(32);
    static final AtomicInteger SATS = new AtomicInteger();

    @TempDir
    Path dir;
    @AutoClose
    final Closer closeAfter = new Closer();

    static Path writeTelemetryKeys(Path dir, String sat) throws Exception {
        Path file = dir.resolve("tm-keys.json");
        Files.writeString(file, "{\"sat\": \"%s\", \"keys\": [{\"id\": 1, \"hex\": \"%s\"}, {\"id\": 2, \"hex\": \"%s\"}]}"
                .formatted(sat, TM1, TM2));
        return file;
    }

    /** True when {@code m} carries kid {@code kid} and the MAC of the ICD's input under {@code keyHex}. */
    static boolean verifies(GroundStation.Received m, int kid, String keyHex) {
        String mac = m.properties().get("mac");
        if (mac == null || !Integer.toString(kid).equals(m.properties().get("kid")) || m.stream() == null) {
            return false;
        }
        byte[] expected = CommandMac.compute(HEX.parseHex(keyHex), TelemetryMacInput.of(m.topic(), m.stream(), m.seq(),
                m.payload()));
        return mac.equals(HEX.formatHex(expected));
    }

    final EmbeddedBroker broker = EmbeddedBroker.shared();

    GroundStation ground(String sat) throws Exception {
        GroundStation g = new GroundStation(broker.url(), sat);
        closeAfter.add(g);
        return g;
    }

    MqttLink link(String url, String sat, TelemetryAuthenticator auth) {
        MqttLink link = new MqttLink(LinkConfig.to(url, dir.resolve("outbox")).withReconnect(20, 200), new Topics(sat),
                "sunsync-" + sat, () -> Map.of("sat", sat));
        link.authenticateWith(auth);
        return link;
    }

    @Test
    void theMacInputIsTheIcdsTestVector() {
        byte[] in = TelemetryMacInput.of("sunsync/sat-001/tm/hk", "tm/hk", 1199,
                "{\"sat\":\"sat-001\",\"seq\":1199}".getBytes(StandardCharsets.UTF_8));
        assertThat(HEX.formatHex(in)).isEqualTo("73756e73796e632d746d2d763100001573756e73796e632f7361742d3030312f746d2f68"
                + "6b0005746d2f686b00000000000004af0000001c7b22736174223a227361742d303031222c22736571223a313139397d");
        assertThat(HEX.formatHex(CommandMac.compute(HEX.parseHex(TM1), in)))
                .isEqualTo("9ed14a6b185dc0adc945facaaf951207ef19a145648ae6e452714eb0f272edcd");
    }

    @Test
    void everyMessageAndThePresenceCarryTheActiveKeysMacAndARotationMovesToTheNextKey() throws Exception {
        String sat = "tmauth-" + SATS.incrementAndGet();
        Topics t = new Topics(sat);
        GroundStation ground = ground(sat);
        TelemetryAuthenticator auth = TelemetryAuthenticator.load(writeTelemetryKeys(dir, sat),
                dir.resolve("tm-keys-state.json"), sat);
        MqttLink link = link(broker.url(), sat, auth);
        link.start();
        closeAfter.add(link::stop);
        for (int i = 0; i < 5; i++) {
            link.send(new OutboundMessage(t.housekeeping(), ("{\"i\":" + i + "}").getBytes(StandardCharsets.UTF_8), 1, true));
            link.send(new OutboundMessage(t.events(), ("{\"e\":" + i + "}").getBytes(StandardCharsets.UTF_8), 1, false));
        }
        ground.awaitDistinct("tm/hk", 5, Duration.ofSeconds(20));
        ground.awaitDistinct("evt", 5, Duration.ofSeconds(20));
        await().atMost(Duration.ofSeconds(10)).until(() -> !ground.stream(MqttLink.PRESENCE_STREAM).isEmpty()
                || ground.received().stream().anyMatch(r -> r.topic().equals(t.birth())));
        List<GroundStation.Received> before = ground.received();
        assertThat(before).hasSizeGreaterThanOrEqualTo(11).allSatisfy(m -> assertThat(verifies(m, 1, TM1))
                .as("%s #%d", m.topic(), m.seq()).isTrue());
        GroundStation.Received birth = before.stream().filter(m -> m.topic().equals(t.birth())).findFirst().orElseThrow();
        assertThat(birth.stream()).isEqualTo(MqttLink.PRESENCE_STREAM);
        assertThat(birth.seq() % 2).as("online is even").isZero();
        assertThat(birth.text()).contains("\"state\":\"online\"");
        // A MAC over other bytes, another topic or another seq does not verify.
        GroundStation.Received hk = before.stream().filter(m -> "tm/hk".equals(m.stream())).findFirst().orElseThrow();
        assertThat(verifies(new GroundStation.Received(hk.topic(), hk.stream(), hk.seq() + 1, hk.payload(), false, false,
                hk.properties()), 1, TM1)).isFalse();
        assertThat(verifies(new GroundStation.Received(t.under("evt"), hk.stream(), hk.seq(), hk.payload(), false, false,
                hk.properties()), 1, TM1)).isFalse();

        auth.rotateTo(2);
        ground.clear();
        link.send(new OutboundMessage(t.events(), "{\"after\":true}".getBytes(StandardCharsets.UTF_8), 1, false));
        await().atMost(Duration.ofSeconds(10)).until(() -> !ground.stream("evt").isEmpty());
        GroundStation.Received after = ground.stream("evt").get(0);
        assertThat(verifies(after, 2, TM2)).isTrue();
        assertThat(verifies(after, 1, TM1)).isFalse();
        assertThat(auth.keys().revokedKeyIds()).containsExactly(1);
    }

    @Test
    void theWillAndTheNextBirthAreNumberedByConnectionAcrossRestartsAndSigned() throws Exception {
        String sat = "tmauth-" + SATS.incrementAndGet();
        Topics t = new Topics(sat);
        GroundStation ground = ground(sat);
        Path keys = writeTelemetryKeys(dir, sat);
        TcpProxy proxy = TcpProxy.to(broker.port());
        closeAfter.add(proxy);
        MqttLink first = link(proxy.url(), sat, TelemetryAuthenticator.load(keys, dir.resolve("state.json"), sat));
        first.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> presence(ground, t).size() == 1);
        long online = presence(ground, t).get(0).seq();
        proxy.cut(); // an unclean end: the broker publishes the will
        await().atMost(Duration.ofSeconds(10)).until(() -> presence(ground, t).size() == 2);
        GroundStation.Received will = presence(ground, t).get(1);
        assertThat(will.text()).contains("\"state\":\"offline\"");
        assertThat(will.seq()).isEqualTo(online + 1);
        assertThat(verifies(will, 1, TM1)).as("the will carries the MAC flight made at CONNECT").isTrue();
        first.stop();
        proxy.restore();
        MqttLink second = link(broker.url(), sat, TelemetryAuthenticator.load(keys, dir.resolve("state.json"), sat));
        second.start();
        closeAfter.add(second::stop);
        await().atMost(Duration.ofSeconds(10)).until(() -> presence(ground, t).stream()
                .anyMatch(m -> m.seq() > online + 1 && m.text().contains("online")));
        GroundStation.Received again = presence(ground, t).stream().filter(m -> m.seq() > online + 1).findFirst().orElseThrow();
        assertThat(again.seq() % 2).isZero();
        assertThat(verifies(again, 1, TM1)).isTrue();
    }

    private static List<GroundStation.Received> presence(GroundStation ground, Topics t) {
        return ground.received().stream().filter(m -> m.topic().equals(t.birth()) && !m.retained()).toList();
    }
}
