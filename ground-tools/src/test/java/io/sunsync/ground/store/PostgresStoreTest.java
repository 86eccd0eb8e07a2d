package io.sunsync.ground.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.sunsync.ground.archive.ArchiveRecord;
import io.sunsync.ground.archive.RecordKey;
import io.sunsync.ground.fleet.sim.SimulatedHousekeeping;
import io.sunsync.ground.store.postgres.PostgresStore;
import io.sunsync.testkit.FreePort;
import io.sunsync.testkit.PostgresServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The store contract on a real PostgreSQL (testkit's {@link PostgresServer}), and what is
 * PostgreSQL's own: day partitions made ahead and on demand and dropped by retention, the
 * staging-table COPY path, and what an operator sees for a wrong URL, password or database.
 */
@Tag("postgres")
class PostgresStoreTest extends ArchiveStoreContract {
    private static PostgresServer pg;
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private String database;

    @BeforeAll
    static void startServer() {
        pg = PostgresServer.start();
    }

    @AfterAll
    static void stopServer() {
        if (pg != null) {
            pg.close();
        }
    }

    @Override
    protected ArchiveStore openEmpty() throws Exception {
        database = "contract" + DATABASES.incrementAndGet();
        pg.createDatabase(database);
        return url(database).open(StoreOptions.defaults().withConnectTimeout(Duration.ofSeconds(5)));
    }

    private static StoreUrl url(String database) throws StoreException {
        return StoreUrl.parse("postgresql://" + pg.user() + ":" + pg.password() + "@127.0.0.1:" + pg.port() + "/" + database,
                Map.of());
    }

    /** A housekeeping record of {@code like}'s satellite and time, number {@code seq}, whose frame also has {@code members}. */
    private static ArchiveRecord frameLike(ArchiveRecord like, long seq, String members) throws Exception {
        return new ArchiveRecord(like.rx(), like.sat(), "hk", new io.sunsync.ground.archive.RecordKey(like.sat(), "tm/hk", seq, ""),
                like.topic(), like.t(), new com.fasterxml.jackson.databind.ObjectMapper().readTree("{\"sat\":\"" + like.sat()
                        + "\",\"t\":\"" + like.t() + "\"," + members + "}"));
    }

    private String text(String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl(database), pg.user(), pg.password());
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private long count(String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl(database), pg.user(), pg.password());
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void housekeepingLandsInOnePartitionPerMissionDayMadeOnDemand() throws Exception {
        store.append(data.batch());
        List<String> parts = ((PostgresStore) store).partitions("hk");
        assertThat(parts).contains("hk_d20270621", "hk_d20270622");
        assertThat(count("SELECT count(*) FROM hk_d20270621")).isEqualTo(3 * 10);
        assertThat(count("SELECT count(*) FROM hk_d20270622")).isEqualTo(3 * 10);
        assertThat(count("SELECT count(*) FROM evt_d20270622")).isEqualTo(3);
        // Frames past PostgreSQL's toast threshold (~2 kB, a 96-board frame) are kept out of line, compressed with lz4.
        assertThat(count("SELECT count(*) FROM pg_class WHERE relname = 'hk_d20270621'"
                + " AND 'toast_tuple_target=128' = ANY (reloptions)")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM pg_attribute WHERE attrelid = 'hk_d20270621'::regclass AND attname = 'msg'"
                + " AND attcompression = 'l'")).isEqualTo(1);
        // The query planner prunes to one partition for one day's range.
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl(database), pg.user(), pg.password());
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery("EXPLAIN SELECT * FROM hk WHERE sat = 'sat-a'"
                     + " AND t >= '2027-06-22T00:00:00Z' AND t < '2027-06-22T12:00:00Z'")) {
            StringBuilder plan = new StringBuilder();
            while (rs.next()) {
                plan.append(rs.getString(1)).append('\n');
            }
            assertThat(plan.toString()).contains("hk_d20270622").doesNotContain("hk_d20270621");
        }
    }

    /**
     * pgjdbc prepares the store's statements on the server, and after five runs PostgreSQL may plan a
     * prepared statement once for any parameters (a generic plan): on the partitioned table that plan
     * guesses one row a partition and sorts, so from the sixth run on a day's points were sorted (on
     * disk, for 86,400 rows) instead of read in the index's order; the fleet snapshot's generic plan
     * would sort each satellite's lookback the same way. auto_explain logs the plan every run really
     * used.
     */
    @Test
    void theDayQueryAndTheFleetSnapshotArePlannedForTheirValuesOnEveryRunNotOnlyTheFirstFive() throws Exception {
        ObjectMapper json = new ObjectMapper();
        SimulatedHousekeeping sim = new SimulatedHousekeeping(8);
        List<String> sats = SimulatedHousekeeping.fleet(20);
        Instant start = Instant.parse("2027-06-21T23:57:30Z");
        List<ArchiveRecord> frames = new ArrayList<>();
        for (int k = 0; k < 300; k++) {
            Instant t = start.plusSeconds(k);
            for (int i = 0; i < sats.size(); i++) {
                String sat = sats.get(i);
                String text = sim.frame(sat, i, k, t);
                frames.add(new ArchiveRecord(t, sat, "hk", new RecordKey(sat, "tm/hk", k, ""), "sunsync/" + sat + "/tm/hk",
                        t.toString(), json.readTree(text), text));
            }
        }
        store.append(StoreBatch.of(frames));
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl(database), pg.user(), pg.password());
             Statement s = c.createStatement()) {
            s.execute("ANALYZE hk");
            // For this database's new sessions only: every statement's plan into the server log.
            s.execute("ALTER DATABASE " + database + " SET session_preload_libraries = 'auto_explain'");
            s.execute("ALTER DATABASE " + database + " SET auto_explain.log_min_duration = 0");
        }
        String marker = "plans of " + database + " start here";
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl(database), pg.user(), pg.password());
             Statement s = c.createStatement()) {
            s.execute("SELECT '" + marker + "'");
        }
        HkQuery day = HkQuery.of("sat-0007", TimeRange.of(start, start.plusSeconds(299)), List.of("power.socPct", "mode"));
        Instant at = start.plusSeconds(200);
        int runs = 8;
        try (ArchiveStore reader = url(database).open()) {
            for (int i = 0; i < runs; i++) {
                assertThat(reader.housekeeping(day).rows()).hasSize(300);
                assertThat(reader.snapshot(at, Duration.ofHours(1))).hasSize(20)
                        .allSatisfy(e -> assertThat(e.t()).isEqualTo(at));
            }
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> plans(marker, "FROM hk WHERE sat = ").size() >= runs
                && plans(marker, "CROSS JOIN LATERAL").size() >= runs);
        // Each run planned for its own values (the sat and times in the plan, no $n), so partitions are pruned when
        // planned and the day partitions' indexes are costed for the rows asked; the snapshot: one backward index
        // probe a satellite in each partition of the lookback, never a sort of the lookback's frames.
        assertThat(plans(marker, "FROM hk WHERE sat = ")).hasSize(runs).allSatisfy(plan -> assertThat(plan)
                .contains("sat = 'sat-0007'::text", "hk_d20270621", "hk_d20270622").doesNotContainPattern("\\$\\d"));
        assertThat(plans(marker, "CROSS JOIN LATERAL")).hasSize(runs).allSatisfy(plan -> assertThat(plan)
                .contains("Index Scan Backward using hk_d20270621_pkey", "Index Scan Backward using hk_d20270622_pkey")
                .doesNotContain("Sort  (").doesNotContainPattern("\\$\\d"));
    }

    /**
     * The plans auto_explain logged after {@code marker} for statements whose text contains
     * {@code query}, without that text.
     */
    private static List<String> plans(String marker, String query) {
        String log = pg.log();
        int from = log.indexOf(marker);
        if (from < 0) {
            return List.of();
        }
        return Arrays.stream(log.substring(from).split("LOG:  duration: ")).skip(1)
                .filter(p -> p.contains("Query Text: SELECT") && p.contains(query))
                .map(p -> p.replaceFirst("Query Text: [^\\n]*", "")).toList();
    }

    @Test
    void partitionsAreMadeAheadOfTimeAndRetentionDropsWholeDays() throws Exception {
        UpkeepReport made = store.prepare(LocalDate.parse("2030-01-01"), 3);
        assertThat(made.created()).containsExactlyInAnyOrder("hk_d20300101", "hk_d20300102", "hk_d20300103",
                "evt_d20300101", "evt_d20300102", "evt_d20300103");
        assertThat(store.prepare(LocalDate.parse("2030-01-01"), 3).created()).isEmpty();
        store.append(data.batch());
        UpkeepReport dropped = store.retain(LocalDate.parse("2030-01-02"));
        assertThat(dropped.dropped()).contains("hk_d20270621", "hk_d20270622", "hk_d20300101", "evt_d20270622")
                .doesNotContain("hk_d20300102");
        assertThat(((PostgresStore) store).partitions("hk")).doesNotContain("hk_d20270621", "hk_d20270622", "hk_d20300101")
                .contains("hk_d20300102", "hk_d20300103");
        assertThat(count("SELECT count(*) FROM hk")).isZero();
        assertThat(count("SELECT count(*) FROM tc_report")).isEqualTo(6);
    }

    @Test
    void anotherProcessDroppingAPartitionThisOneRemembersCostsNothing() throws Exception {
        store.append(StoreBatch.of(data.hkOf("sat-a").subList(0, 2)));
        try (ArchiveStore other = url(database).open()) {
            other.retain(LocalDate.parse("2027-06-22"));
        }
        // This store still remembers hk_d20270621; the insert finds it gone, makes it again and stores.
        assertThat(store.append(StoreBatch.of(data.hkOf("sat-a").subList(2, 4))).stored()).isEqualTo(2);
        assertThat(store.records("sat-a", "hk", TimeRange.ALL, 10)).hasSize(2);
    }

    @Test
    void aValueTheDatabaseCannotStoreRollsTheWholeBatchBack() throws Exception {
        ArchiveRecord good = data.hk.get(0);
        ArchiveRecord bad = frameLike(good, 999_999, "\"mode\":\"A\\u0000B\"");
        assertThatThrownBy(() -> store.append(StoreBatch.of(List.of(good, bad)))).isInstanceOf(StoreException.class)
                .extracting(e -> ((StoreException) e).error()).isEqualTo(StoreError.REJECTED);
        assertThat(count("SELECT count(*) FROM hk")).isZero();
        assertThat(store.append(StoreBatch.of(List.of(good))).stored()).isEqualTo(1);
    }

    @Test
    void anIntegerPastItsColumnIsRefusedNotWrapped() throws Exception {
        ArchiveRecord good = data.hk.get(0);
        ArchiveRecord bad = frameLike(good, 999_998, "\"boards\":{\"enabled\":3000000000}");
        assertThatThrownBy(() -> store.append(StoreBatch.of(List.of(good, bad)))).isInstanceOf(StoreException.class)
                .extracting(e -> ((StoreException) e).error()).isEqualTo(StoreError.REJECTED);
        assertThat(count("SELECT count(*) FROM hk")).isZero();
    }

    @Test
    void theFrameIsStoredFromTheTextItArrivedAs() throws Exception {
        ArchiveRecord r = data.hk.get(0);
        String text = "{ \"sat\" : \"sat-a\", \"t\" : \"" + r.t() + "\", \"power\" : { \"socPct\" : 71.50 } }";
        ArchiveRecord received = new ArchiveRecord(r.rx(), r.sat(), r.kind(), r.key(), r.topic(), r.t(),
                new com.fasterxml.jackson.databind.ObjectMapper().readTree(text), text);
        assertThat(store.append(StoreBatch.of(List.of(received))).stored()).isEqualTo(1);
        // 71.50 as sent (jsonb keeps a number's digits), not as Jackson would write the parsed double (71.5).
        assertThat(text("SELECT msg #>> '{power,socPct}' FROM hk")).isEqualTo("71.50");
        assertThat(count("SELECT count(*) FROM hk WHERE soc_pct = 71.5")).isEqualTo(1);
        assertThat(store.records(r.sat(), "hk", TimeRange.ALL, 10)).containsExactly(received);
    }

    @Test
    void aWrongPasswordUnknownDatabaseOrDeadPortStopsWithAClearError() throws Exception {
        String base = "postgresql://" + pg.user() + ":%s@127.0.0.1:%d/%s";
        assertThatThrownBy(() -> StoreUrl.parse(base.formatted("wrong", pg.port(), database), Map.of()).open())
                .isInstanceOf(StoreException.class).hasMessageContaining("password authentication failed")
                .hasMessageNotContaining("wrong").extracting(e -> ((StoreException) e).error()).isEqualTo(StoreError.AUTHENTICATION);
        assertThatThrownBy(() -> StoreUrl.parse(base.formatted(pg.password(), pg.port(), "nosuchdb"), Map.of()).open())
                .isInstanceOf(StoreException.class).extracting(e -> ((StoreException) e).error()).isEqualTo(StoreError.NO_DATABASE);
        int dead = FreePort.find();
        assertThatThrownBy(() -> StoreUrl.parse(base.formatted(pg.password(), dead, database), Map.of())
                .open(StoreOptions.defaults().withConnectTimeout(Duration.ofSeconds(2))))
                .isInstanceOf(StoreException.class).hasMessageContaining("127.0.0.1:" + dead)
                .extracting(e -> ((StoreException) e).error()).isEqualTo(StoreError.UNREACHABLE);
    }
}
