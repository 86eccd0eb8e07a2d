package io.sunsync.ground.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sunsync.ground.cli.ExitCode;
import io.sunsync.ground.mqtt.ConnectSettings;
import io.sunsync.ground.mqtt.GroundConnection;
import io.sunsync.ground.testing.Cli;
import io.sunsync.ground.fleet.sim.FleetPublisher;
import io.sunsync.ground.fleet.sim.SimulatedHousekeeping;
import io.sunsync.ground.testing.Messages;
import io.sunsync.testkit.EmbeddedBroker;
import io.sunsync.testkit.Broker;
import io.sunsync.testkit.MosquittoBroker;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

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
        ConcurrentLinkedQueue<String> byA = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<String> byB = new ConcurrentLinkedQueue<>();
        try (IngestWorker a = worker(broker, group, "a", byA); IngestWorker b = worker(broker, group, "b", byB);
             FleetPublisher pub = new FleetPublisher(broker.url(), "fleet-sim-" + group, fleet, new SimulatedHousekeeping(8), 1)) {
            pub.runAsFastAsPossible(FRAMES, 0, java.time.Instant.parse("2027-06-21T00:00:00Z"));
            long expected = (long) SATS * FRAMES;
            await().atMost(Duration.ofSeconds(60)).untilAsserted(
                    () -> assertThat(a.ingested() + b.ingested()).isEqualTo(expected));
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
        }
    }

    private static IngestWorker worker(Broker broker, String group, String name, ConcurrentLinkedQueue<String> keys)
            throws Exception {
        ConnectSettings cs = ConnectSettings.transientSession(broker.url(), group + "-" + name).persistent(60);
        return new IngestWorker(name, cs, IngestWorker.sharedFilters(group, false), null,
                r -> keys.add(r.sat() + "#" + r.key().seq()), Clock.systemUTC()).start();
    }

    @Test
    void theFleetViewShowsOneLinePerSatelliteAndFlagsTheOneInAlarm() throws Exception {
        try (GroundConnection sats = GroundConnection.open(EmbeddedBroker.shared().url())) {
            for (int i = 1; i <= 3; i++) {
                String id = "sat-fv-" + i;
                String hk = Messages.hk(id, 7, "2027-06-21T00:00:07Z", i == 2 ? 30.0 : 80.0);
                sats.publish("sunsync/" + id + "/birth", ("{\"sat\":\"" + id + "\",\"state\":\"online\"}")
                        .getBytes(StandardCharsets.UTF_8), 1, true, null);
                sats.publish("sunsync/" + id + "/tm/hk", hk.getBytes(StandardCharsets.UTF_8), 1, true, null);
            }
        }
        Cli.Run r = Cli.run("fleet", "-b", EmbeddedBroker.shared().url(), "--timeout-s", "1", "--color", "never",
                "--sort", "level");
        List<String> lines = r.out().lines().filter(l -> l.startsWith("sat-fv-")).toList();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).startsWith("sat-fv-2").contains("ALARM").contains("30.0!!").contains("power.socPct");
        assertThat(lines.get(1)).startsWith("sat-fv-1").contains("online").contains("80.0").contains("8/8").contains("retained");
        // Retained frames only: nothing proves the satellites are alive.
        assertThat(r.exit()).isEqualTo(ExitCode.STALE.code());
        assertThat(r.out()).containsPattern("\\d+ satellites: \\d+ online, \\d+ stale, \\d+ in alarm");
    }
}
