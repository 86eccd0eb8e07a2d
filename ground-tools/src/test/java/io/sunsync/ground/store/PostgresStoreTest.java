package io.sunsync.ground.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sunsync.ground.archive.ArchiveRecord;
import io.sunsync.ground.store.postgres.PostgresStore;
import io.sunsync.testkit.FreePort;
import io.sunsync.testkit.PostgresServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
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
