package io.sunsync.ground.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sunsync.ground.cli.GroundMain;
import io.sunsync.ground.fleet.sim.FleetKeys;
import io.sunsync.ground.fleet.sim.FleetPublisher;
import io.sunsync.ground.fleet.sim.SimulatedHousekeeping;
import io.sunsync.ground.mqtt.GroundConnection;
import io.sunsync.ground.tmauth.TelemetryKeys;
import io.sunsync.testkit.Broker;
import io.sunsync.testkit.ChildJvm;
import io.sunsync.testkit.EmbeddedBroker;
import io.sunsync.testkit.MosquittoBroker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The recorder survives {@code kill -9}: a separate JVM records while satellites publish, is
 * killed with SIGKILL mid-stream, and is started again. Every line left on disk is whole, and
 * every frame published is in the archive exactly once.
 */
class ArchiveCrashTest {
    private static final List<String> SATS = SimulatedHousekeeping.fleet(2);
    private static final int FRAMES_PER_SAT = 400;

    @TempDir
    Path dir;

    @Test
    void aKilledRecorderLosesNothingAndCorruptsNothingOnHiveMq() throws Exception {
        killAndRestartWhilePublishing(EmbeddedBroker.shared());
    }

    @Test
    @Tag("mosquitto")
    void aKilledRecorderLosesNothingAndCorruptsNothingOnMosquitto() throws Exception {
        try (MosquittoBroker broker = MosquittoBroker.start()) {
            killAndRestartWhilePublishing(broker);
        }
    }

    private void killAndRestartWhilePublishing(Broker broker) throws Exception {
        Path root = dir.resolve("archive");
        Path log = dir.resolve("recorder.log");
        // The fleet's frames are signed as flight signs them; the recorder trusts their keys through its profile.
        TelemetryKeys fleetKeys = FleetKeys.generate(dir.resolve("keys"), SATS);
        StringBuilder yaml = new StringBuilder("satellites:\n");
        for (String sat : SATS) {
            yaml.append("  ").append(sat).append(": {telemetryKeyFile: ").append(dir.resolve("keys").resolve(sat + ".tm-keys.json"))
                    .append("}\n");
        }
        Path profile = Files.writeString(dir.resolve("ground.yaml"), yaml);
        String[] args = {"archive", "record", "--profile", profile.toString(), "-b", broker.url(), "--dir", root.toString(),
                "--writer", "crash",
                "--report-every-s", "0", "--sat", SATS.get(0), "--sat", SATS.get(1), "--session-expiry-s", "600"};
        Process first = ChildJvm.start(log, GroundMain.class, args);
        AtomicReference<Throwable> publishFailure = new AtomicReference<>();
        Thread publisher = new Thread(() -> {
            // A bystander subscriber: HiveMQ answers PUBACK "no matching subscribers" while the recorder is down, and
            // Paho v5 1.2.5 then leaks in-flight slots until publishing fails (32202); flight has a subscriber in practice.
            try (GroundConnection bystander = GroundConnection.open(broker.url());
                 FleetPublisher pub = new FleetPublisher(broker.url(), "crash-test-fleet", SATS, new SimulatedHousekeeping(8), 1)
                         .signedWith(fleetKeys, 1)) {
                bystander.subscribe("sunsync/+/tm/hk");
                // Wait for the recorder's persistent session to exist, so nothing published is before it.
                await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(log) && Files.readString(log).contains("recording"));
                for (int seq = 0; seq < FRAMES_PER_SAT; seq++) {
                    for (int i = 0; i < SATS.size(); i++) {
                        pub.publish(i, seq, java.time.Instant.parse("2027-06-21T00:00:00Z").plusSeconds(seq));
                    }
                    // Paced like a fleet, not a flood: what the broker queues while the recorder is down stays
                    // within HiveMQ CE's default per-client queue (1000 messages).
                    TimeUnit.MILLISECONDS.sleep(10);
                }
                pub.flush();
            } catch (Throwable t) {
                publishFailure.set(t);
            }
        }, "fleet-publisher");
        publisher.start();
        await().atMost(Duration.ofSeconds(60)).until(() -> jsonlLines(root) >= 200);
        first.destroyForcibly(); // SIGKILL: no shutdown hook, no flush, no close
        assertThat(first.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(first.exitValue()).isEqualTo(137);
        long atKill = jsonlLines(root);
        assertThat(atKill).isLessThan((long) SATS.size() * FRAMES_PER_SAT);

        Process second = ChildJvm.start(log, GroundMain.class, args);
        try {
            publisher.join(60_000);
            assertThat(publishFailure.get()).isNull();
            await().atMost(Duration.ofSeconds(60)).untilAsserted(
                    () -> assertThat(jsonlLines(root)).isGreaterThanOrEqualTo((long) SATS.size() * FRAMES_PER_SAT));
        } finally {
            second.destroy(); // SIGTERM: the recorder stops cleanly
            second.waitFor(10, TimeUnit.SECONDS);
        }

        // Every line on disk is a whole record, and each frame is there exactly once.
        Set<String> keys = new HashSet<>();
        long lines = 0;
        for (String sat : SATS) {
            for (ArchiveLayout.ArchiveFile f : ArchiveLayout.files(root, sat, "hk", "jsonl")) {
                for (String line : Files.readAllLines(f.path())) {
                    ArchiveRecord r = ArchiveRecord.fromJsonLine(line);
                    lines++;
                    assertThat(keys.add(r.sat() + "#" + r.key().seq())).as("duplicate %s#%d", r.sat(), r.key().seq()).isTrue();
                }
            }
        }
        assertThat(lines).isEqualTo((long) SATS.size() * FRAMES_PER_SAT);
        for (String sat : SATS) {
            for (int seq = 0; seq < FRAMES_PER_SAT; seq++) {
                assertThat(keys).contains(sat + "#" + seq);
            }
        }
        // The CSV files are whole too: every row has the header's width.
        for (String sat : SATS) {
            for (ArchiveLayout.ArchiveFile f : ArchiveLayout.files(root, sat, "hk", "csv")) {
                List<String> rows = Files.readAllLines(f.path());
                int width = CsvLine.parse(rows.get(0)).size();
                assertThat(rows).allSatisfy(r -> assertThat(CsvLine.parse(r)).hasSize(width));
            }
        }
        assertThat(Files.readString(log)).contains("stored");
    }

    private static long jsonlLines(Path root) throws IOException {
        long n = 0;
        for (String sat : SATS) {
            for (ArchiveLayout.ArchiveFile f : ArchiveLayout.files(root, sat, "hk", "jsonl")) {
                try (var lines = Files.lines(f.path())) {
                    n += lines.count();
                }
            }
        }
        return n;
    }
}
