package io.sunsync.ground.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sunsync.ground.cli.ExitCode;
import io.sunsync.ground.fleet.sim.FleetKeys;
import io.sunsync.ground.fleet.sim.FleetPublisher;
import io.sunsync.ground.fleet.sim.SimulatedHousekeeping;
import io.sunsync.ground.ingest.FrameCheck;
import io.sunsync.ground.mqtt.ConnectSettings;
import io.sunsync.ground.mqtt.GroundConnection;
import io.sunsync.ground.testing.Cli;
import io.sunsync.ground.testing.Messages;
import io.sunsync.ground.testing.SignedTelemetry;
import io.sunsync.ground.tmauth.TelemetryKeys;
import io.sunsync.ground.tmauth.TelemetryVerifier;
import io.sunsync.testkit.Broker;
import io.sunsync.testkit.EmbeddedBroker;
import io.sunsync.testkit.MosquittoBroker;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A simulated fleet (200 satellites publishing housekeeping from one test process) ingested by
 * two workers sharing an MQTT 5 subscription: each frame is ingested by exactly one worker.
 */
class FleetIngestTest {
    private static final int SATS = 200;
    private static final int FRAMES = 10;

    @Test
    void twoSharedWorkersIngestA200SatelliteFleetWithNothingLostOrDoubleCountedOnHiveMq() throws Exception {
        // HiveMQ hands a shared subscription's messages to whichever member has room in its in-flight window, so
        // one quick worker may take them all: what must hold is that each frame goes to exactly one worker.
        ingestWithTwoWorkers(EmbeddedBroker.shared(), false);
    }

    @Test
    @Tag("mosquitto")
    void twoSharedWorkersIngestA200SatelliteFleetWithNothingLostOrDoubleCountedOnMosquitto() throws Exception {
        try (MosquittoBroker broker = MosquittoBroker.start()) {
            // Mosquitto hands them out in turn: both workers take a share.
            ingestWithTwoWorkers(broker, true);
        }
    }

    private static void ingestWithTwoWorkers(Broker broker, boolean bothShare) throws Exception {
        String group = "g" + UUID.randomUUID().toString().substring(0, 8);
        List<String> fleet = SimulatedHousekeeping.fleet(SATS);
        TelemetryKeys keys = FleetKeys.generate(Files.createTempDirectory("fleet-keys-"), fleet);
        ConcurrentLinkedQueue<String> byA = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<String> byB = new ConcurrentLinkedQueue<>();
        try (IngestWorker a = worker(broker, group, "a", byA, keys); IngestWorker b = worker(broker, group, "b", byB, keys);
             FleetPublisher pub = new FleetPublisher(broker.url(), "fleet-sim-" + group, fleet, new SimulatedHousekeeping(8), 1)) {
            pub.signedWith(keys, 1).runAsFastAsPossible(FRAMES, 0, java.time.Instant.parse("2027-06-21T00:00:00Z"));
            long expected = (long) SATS * FRAMES;
            await().atMost(Duration.ofSeconds(60)).untilAsserted(
                    () -> assertThat(a.ingested() + b.ingested()).isEqualTo(expected));
            // The listener hears of a batch after it is counted: wait for it too.
            await().atMost(Duration.ofSeconds(10)).until(() -> byA.size() + byB.size() >= expected);
            assertThat(a.failure()).isNull();
            assertThat(b.failure()).isNull();
            if (bothShare) {
                assertThat(a.ingested()).isPositive();
                assertThat(b.ingested()).isPositive();
            }
            // Nothing double-counted: no key twice in one worker, none in both.
            Set<String> setA = new HashSet<>(byA);
            Set<String> setB = new HashSet<>(byB);
            assertThat(setA).hasSameSizeAs(byA);
            assertThat(setB).hasSameSizeAs(byB);
            Set<String> inBoth = new HashSet<>(setA);
            inBoth.retainAll(setB);
            assertThat(inBoth).isEmpty();
            // Nothing lost: every frame of every satellite is there.
            Set<String> all = new HashSet<>(setA);
            all.addAll(setB);
            assertThat(all).hasSize((int) expected);
            for (String sat : fleet) {
                for (int seq = 0; seq < FRAMES; seq++) {
                    assertThat(all).contains(sat + "#" + seq);
                }
            }
            assertThat(a.received() + b.received()).isEqualTo(expected);
            // A frame of a real satellite from anyone else (no MAC) is quarantined, never ingested.
            try (GroundConnection forger = GroundConnection.open(broker.url())) {
                forger.publish("sunsync/" + fleet.get(0) + "/tm/hk", Messages.hk(fleet.get(0), 999,
                        "2027-06-21T01:00:00Z", 3.0).getBytes(StandardCharsets.UTF_8), 1, false, null);
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> a.quarantined() + b.quarantined() == 1);
            assertThat(a.ingested() + b.ingested()).isEqualTo(expected);
        }
    }

    private static IngestWorker worker(Broker broker, String group, String name, ConcurrentLinkedQueue<String> seen,
                                       TelemetryKeys keys) throws Exception {
        ConnectSettings cs = ConnectSettings.transientSession(broker.url(), group + "-" + name).persistent(60);
        return new IngestWorker(name, cs, IngestWorker.sharedFilters(group, false),
                new FrameCheck(new TelemetryVerifier(keys).forArchive()), null,
                r -> seen.add(r.sat() + "#" + r.key().seq()), Clock.systemUTC()).start();
    }

    @Test
    void theFleetViewShowsOneLinePerSatelliteAndFlagsTheOneInAlarm(@TempDir Path dir) throws Exception {
        StringBuilder profile = new StringBuilder("satellites:\n");
        try (GroundConnection sats = GroundConnection.open(EmbeddedBroker.shared().url())) {
            for (int i = 1; i <= 3; i++) {
                String id = "sat-fv-" + i;
                Path keyFile = dir.resolve(id + ".tm-keys.json");
                SignedTelemetry tm = SignedTelemetry.generate(keyFile, id);
                profile.append("  ").append(id).append(": {telemetryKeyFile: ").append(keyFile).append("}\n");
                String hk = Messages.hk(id, 7, "2027-06-21T00:00:07Z", i == 2 ? 30.0 : 80.0);
                tm.publish(sats, "birth", 0, "{\"sat\":\"" + id + "\",\"state\":\"online\"}", true);
                tm.publish(sats, "tm/hk", 7, hk, true);
            }
        }
        Files.writeString(dir.resolve("ground.yaml"), profile);
        Cli.Run r = Cli.run("fleet", "--profile", dir.resolve("ground.yaml").toString(), "-b",
                EmbeddedBroker.shared().url(), "--timeout-s", "1", "--color", "never", "--sort", "level");
        List<String> lines = r.out().lines().filter(l -> l.startsWith("sat-fv-")).toList();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).startsWith("sat-fv-2").contains("ALARM").contains("30.0!!").contains("power.socPct");
        assertThat(lines.get(1)).startsWith("sat-fv-1").contains("online").contains("80.0").contains("8/8").contains("retained");
        // Retained frames only: nothing proves the satellites are alive. Other tests' satellites on the shared
        // broker, whose keys this profile lacks, are flagged, and make the exit code UNAUTHENTIC.
        assertThat(lines).noneMatch(l -> l.contains("REFUSED"));
        assertThat(r.exit()).isEqualTo(r.out().contains("REFUSED") ? ExitCode.UNAUTHENTIC.code() : ExitCode.STALE.code());
        assertThat(r.out()).containsPattern("\\d+ satellites: \\d+ online, \\d+ stale, \\d+ in alarm");
    }
}
