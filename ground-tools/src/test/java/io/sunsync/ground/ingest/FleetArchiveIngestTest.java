package io.sunsync.ground.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sunsync.ground.cli.GroundMain;
import io.sunsync.ground.fleet.IngestWorker;
import io.sunsync.ground.fleet.sim.FleetKeys;
import io.sunsync.ground.fleet.sim.FleetPublisher;
import io.sunsync.ground.fleet.sim.SimulatedHousekeeping;
import io.sunsync.ground.mqtt.ConnectSettings;
import io.sunsync.ground.store.AppendResult;
import io.sunsync.ground.store.ArchiveStore;
import io.sunsync.ground.store.ArchiveWriter;
import io.sunsync.ground.store.StoreOptions;
import io.sunsync.ground.store.StoreUrl;
import io.sunsync.ground.tmauth.TelemetryKeys;
import io.sunsync.testkit.ChildJvm;
import io.sunsync.testkit.MosquittoBroker;
import io.sunsync.testkit.PostgresServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fleet archive's ingest against real servers (Mosquitto, PostgreSQL): a simulated fleet's
 * housekeeping through shared-subscription workers into the database, with the failures that
 * happen in operations — a batch committed but not acknowledged when its worker died, a worker
 * killed with SIGKILL mid-stream, the database going away. Every frame ends up stored exactly
 * once.
 */
@Tag("postgres")
@Tag("mosquitto")
class FleetArchiveIngestTest {
    private static final Instant T0 = Instant.parse("2027-06-21T23:58:00Z");
    private static PostgresServer pg;
    private static int databases;

    @TempDir
    Path dir;

    @BeforeAll
    static void startDatabase() {
        pg = PostgresServer.start();
    }

    @AfterAll
    static void stopDatabase() {
        if (pg != null) {
            pg.close();
        }
    }

    private static String newDatabase() {
        String name = "ingest" + (++databases);
        pg.createDatabase(name);
        return "postgresql://" + pg.user() + ":" + pg.password() + "@127.0.0.1:" + pg.port() + "/" + name;
    }

    private static long sql(String url, String query) throws Exception {
        String db = url.substring(url.lastIndexOf('/') + 1);
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl(db), pg.user(), pg.password());
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery(query)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static long rows(String url) throws Exception {
        return sql(url, "SELECT count(*) FROM hk");
    }

    /** Asserts the archive holds exactly frames 0..frames-1 of each satellite, once each. */
    private static void assertEveryFrameOnce(String url, int sats, int frames) throws Exception {
        assertThat(rows(url)).isEqualTo((long) sats * frames);
        assertThat(sql(url, "SELECT count(DISTINCT (sat, stream, seq)) FROM hk")).isEqualTo((long) sats * frames);
        assertThat(sql(url, "SELECT count(DISTINCT sat) FROM hk")).isEqualTo(sats);
        assertThat(sql(url, "SELECT min(seq) FROM hk")).isZero();
        assertThat(sql(url, "SELECT max(seq) FROM hk")).isEqualTo(frames - 1);
    }

    private static IngestWorker worker(MosquittoBroker broker, String group, String name, ArchiveWriter writer) throws Exception {
        ConnectSettings cs = ConnectSettings.transientSession(broker.url(), group + "-" + name).persistent(600);
        // The ingest machinery under test; telemetry authentication has its own tests (FleetIngestTest signs and verifies).
        return new IngestWorker(name, cs, IngestWorker.sharedFilters(group, false), new FrameCheck(), writer, null,
                Clock.systemUTC(),
                IngestSettings.defaults().withBatch(100, Duration.ofMillis(20))).start();
    }

    @Test
    void aBatchStoredButNotAcknowledgedWhenItsWorkerDiedComesAgainAndIsNotStoredTwice() throws Exception {
        String url = newDatabase();
        int sats = 20;
        try (MosquittoBroker broker = MosquittoBroker.start(); ArchiveStore store = StoreUrl.parse(url, Map.of()).open()) {
            AtomicBoolean crashNext = new AtomicBoolean(true);
            AtomicReference<AppendResult> crashed = new AtomicReference<>();
            // Commits the first batch, then dies before the worker can acknowledge it.
            ArchiveWriter commitsThenDies = batch -> {
                AppendResult r = store.append(batch);
                if (crashNext.getAndSet(false)) {
                    crashed.set(r);
                    throw new IllegalStateException("worker died between commit and acknowledgement");
                }
                return r;
            };
            IngestWorker first = worker(broker, "g1", "w", commitsThenDies);
            try (FleetPublisher pub = new FleetPublisher(broker.url(), "fleet-g1", SimulatedHousekeeping.fleet(sats),
                    new SimulatedHousekeeping(8), 1)) {
                pub.runAsFastAsPossible(10, 0, T0);
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> first.failure() != null);
            first.close();
            long stored = crashed.get().stored();
            assertThat(stored).isPositive();
            assertThat(rows(url)).isEqualTo(stored);
            // The same session again: the broker delivers the unacknowledged batch again, the store keeps one copy.
            IngestWorker second = worker(broker, "g1", "w", store);
            try {
                await().atMost(Duration.ofSeconds(30)).until(() -> rows(url) == sats * 10L);
                await().atMost(Duration.ofSeconds(10)).until(() -> second.duplicates() >= stored);
                assertThat(second.duplicates()).isEqualTo(stored);
                assertThat(second.failure()).isNull();
            } finally {
                second.close();
            }
            assertEveryFrameOnce(url, sats, 10);
        }
    }

    @Test
    void aWorkerKilledWithSigkillMidStreamLosesNothingAndStoresNothingTwice() throws Exception {
        String url = newDatabase();
        int sats = 50;
        int frames = 120;
        Path log = dir.resolve("worker.log");
        // Frames signed as flight signs them; the worker trusts the fleet's telemetry keys (--telemetry-keys).
        TelemetryKeys keys = FleetKeys.generate(dir.resolve("tm-keys"), SimulatedHousekeeping.fleet(sats));
        try (MosquittoBroker broker = MosquittoBroker.start()) {
            String[] args = {"fleet", "ingest", "-b", broker.url(), "--db", url, "--group", "g2", "--worker", "k",
                    "--batch", "200", "--linger-ms", "100", "--session-expiry-s", "600", "--report-every-s", "1",
                    "--telemetry-keys", dir.resolve("tm-keys").toString()};
            Process first = ChildJvm.start(log, GroundMain.class, args);
            await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(log) && Files.readString(log).contains("worker k in group g2"));
            AtomicReference<Throwable> publishFailure = new AtomicReference<>();
            Thread publisher = new Thread(() -> {
                try (FleetPublisher pub = new FleetPublisher(broker.url(), "fleet-g2", SimulatedHousekeeping.fleet(sats),
                        new SimulatedHousekeeping(8), 1).signedWith(keys, 1)) {
                    for (int k = 0; k < frames; k++) {
                        for (int i = 0; i < sats; i++) {
                            pub.publish(i, k, T0.plusSeconds(k));
                        }
                        TimeUnit.MILLISECONDS.sleep(25); // a fleet, not a flood: batches are in flight all the time
                    }
                    pub.flush();
                } catch (Throwable t) {
                    publishFailure.set(t);
                }
            }, "fleet-publisher");
            publisher.start();
            await().atMost(Duration.ofSeconds(60)).until(() -> rows(url) >= 1000);
            first.destroyForcibly(); // SIGKILL: mid-stream, with a batch in hand
            assertThat(first.waitFor(10, TimeUnit.SECONDS)).isTrue();
            assertThat(first.exitValue()).isEqualTo(137);
            assertThat(rows(url)).isLessThan((long) sats * frames);
            Process second = ChildJvm.start(log, GroundMain.class, args);
            try {
                publisher.join(120_000);
                assertThat(publishFailure.get()).isNull();
                await().atMost(Duration.ofSeconds(90)).until(() -> rows(url) >= (long) sats * frames);
            } finally {
                second.destroy();
                second.waitFor(10, TimeUnit.SECONDS);
            }
            assertEveryFrameOnce(url, sats, frames);
            assertThat(Files.readString(log)).contains("fleet ingest k:");
        }
    }

    @Test
    void aDatabaseOutageStopsTheAcknowledgementsAndIngestResumesWhenItIsBack() throws Exception {
        String url = newDatabase();
        int sats = 20;
        try (MosquittoBroker broker = MosquittoBroker.start();
             ArchiveStore store = StoreUrl.parse(url, Map.of()).open(StoreOptions.defaults()
                     .withConnectTimeout(Duration.ofSeconds(1)));
             FleetPublisher pub = new FleetPublisher(broker.url(), "fleet-g3", SimulatedHousekeeping.fleet(sats),
                     new SimulatedHousekeeping(8), 1)) {
            IngestWorker w = worker(broker, "g3", "w", store);
            try {
                pub.runAsFastAsPossible(5, 0, T0);
                await().atMost(Duration.ofSeconds(30)).until(() -> rows(url) == sats * 5L);
                pg.crash();
                pub.runAsFastAsPossible(5, 5, T0.plusSeconds(5));
                await().atMost(Duration.ofSeconds(30)).until(w::waitingForStore);
                assertThat(w.lastStoreFailure().retryable()).isTrue();
                assertThat(w.ingested()).isEqualTo(sats * 5L);
                // The worker goes away while the database is down: what it held was never acknowledged.
                w.close();
                pg.startAgain();
                w = worker(broker, "g3", "w", store);
                IngestWorker resumed = w;
                await().atMost(Duration.ofSeconds(60)).until(() -> rows(url) == sats * 10L);
                assertThat(resumed.failure()).isNull();
                // And it carries on with new frames.
                pub.runAsFastAsPossible(5, 10, T0.plusSeconds(10));
                await().atMost(Duration.ofSeconds(30)).until(() -> rows(url) == sats * 15L);
            } finally {
                w.close();
            }
            assertEveryFrameOnce(url, sats, 15);
        } finally {
            if (!pg.isRunning()) {
                pg.startAgain();
            }
        }
    }

    @Test
    void theSameWorkerRidesThroughAnOutageWithoutRestarting() throws Exception {
        String url = newDatabase();
        int sats = 10;
        try (MosquittoBroker broker = MosquittoBroker.start();
             ArchiveStore store = StoreUrl.parse(url, Map.of()).open(StoreOptions.defaults()
                     .withConnectTimeout(Duration.ofSeconds(1)));
             FleetPublisher pub = new FleetPublisher(broker.url(), "fleet-g4", SimulatedHousekeeping.fleet(sats),
                     new SimulatedHousekeeping(8), 1);
             IngestWorker w = worker(broker, "g4", "w", store)) {
            pub.runAsFastAsPossible(3, 0, T0);
            await().atMost(Duration.ofSeconds(30)).until(() -> rows(url) == sats * 3L);
            pg.crash();
            pub.runAsFastAsPossible(3, 3, T0.plusSeconds(3));
            await().atMost(Duration.ofSeconds(30)).until(w::waitingForStore);
            pg.startAgain();
            await().atMost(Duration.ofSeconds(60)).until(() -> rows(url) == sats * 6L);
            assertThat(w.waitingForStore()).isFalse();
            assertThat(w.failure()).isNull();
            assertEveryFrameOnce(url, sats, 6);
        } finally {
            if (!pg.isRunning()) {
                pg.startAgain();
            }
        }
    }

    @Test
    void framesThatFailTheIcdAreQuarantinedWithTheirReasonAndTheRestStored() throws Exception {
        String url = newDatabase();
        try (MosquittoBroker broker = MosquittoBroker.start(); ArchiveStore store = StoreUrl.parse(url, Map.of()).open();
             io.sunsync.ground.mqtt.GroundConnection sat = io.sunsync.ground.mqtt.GroundConnection.open(broker.url());
             IngestWorker w = worker(broker, "g5", "w", store)) {
            SimulatedHousekeeping hk = new SimulatedHousekeeping(8);
            sat.publish("sunsync/sat-0001/tm/hk", hk.frame("sat-0001", 0, 0, T0).getBytes(), 1, false, null);
            sat.publish("sunsync/sat-0001/tm/hk", "{\"sat\":\"sat-0001\",\"seq\":1}".getBytes(), 1, false, null);
            sat.publish("sunsync/sat-0001/tm/hk", "not json".getBytes(), 1, false, null);
            sat.publish("sunsync/sat-0002/tm/hk", hk.frame("sat-0001", 0, 2, T0).getBytes(), 1, false, null);
            sat.publish("sunsync/sat-0001/tm/hk", hk.frame("sat-0001", 0, 3, T0.plusSeconds(3)).getBytes(), 1, false, null);
            await().atMost(Duration.ofSeconds(30)).until(() -> w.ingested() + w.quarantined() == 5);
            assertThat(w.ingested()).isEqualTo(2);
            assertThat(store.quarantined(io.sunsync.ground.store.TimeRange.ALL, 10))
                    .extracting(q -> q.reason().name())
                    .containsExactlyInAnyOrder("SCHEMA_VIOLATION", "NOT_JSON", "SATELLITE_MISMATCH");
            assertThat(w.failure()).isNull();
        }
        assertThat(List.of(rows(url))).containsExactly(2L);
    }
}
