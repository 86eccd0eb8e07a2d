package io.sunsync.ground.store.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.sunsync.ground.archive.ArchiveRecord;
import io.sunsync.ground.archive.RecordKey;
import io.sunsync.ground.store.AppendResult;
import io.sunsync.ground.store.ArchiveStore;
import io.sunsync.ground.store.QuarantinedFrame;
import io.sunsync.ground.store.StoreBackend;
import io.sunsync.ground.store.StoreBatch;
import io.sunsync.ground.store.StoreError;
import io.sunsync.ground.store.StoreException;
import io.sunsync.ground.store.StoreOptions;
import io.sunsync.ground.store.StoreStats;
import io.sunsync.ground.store.StoreUrl;
import io.sunsync.ground.store.UpkeepReport;
import io.sunsync.ground.store.jdbc.JdbcHistory;
import io.sunsync.ground.store.jdbc.JsonText;
import io.sunsync.ground.store.jdbc.SqlFailures;
import io.sunsync.ground.store.jdbc.StoreTable;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The archive store in a PostgreSQL database, for a fleet: many ingest workers write, many
 * operators read.
 *
 * <ul>
 *   <li><b>Schema</b>: migrated with Flyway to this build's version when opened
 *       ({@code V1__fleet_archive.sql}); a database migrated by a newer build is refused.</li>
 *   <li><b>Partitions</b>: {@code hk} and {@code evt} are partitioned by UTC day of mission time
 *       ({@link DayPartitions}); {@link #prepare} makes them ahead of time, a batch needing one
 *       makes it first, {@link #retain} drops whole days.</li>
 *   <li><b>Ingest</b>: one transaction per batch: each table's rows go with one binary {@code COPY}
 *       (pgjdbc's CopyManager, {@link CopyBinary}) straight into the table, in a savepoint; if one is already stored (a
 *       redelivered frame, whichever worker stored it first), the savepoint is rolled back and the
 *       rows go into a session-temporary staging table instead, from which {@code INSERT … SELECT
 *       … ON CONFLICT DO NOTHING} moves the new ones in. A frame is never stored twice.</li>
 *   <li><b>Connections</b>: a HikariCP pool; each connection makes its staging tables once, and
 *       plans every statement for its own parameters ({@code plan_cache_mode = force_custom_plan}:
 *       a generic plan of a server-prepared statement sorts what the partitions' indexes give in
 *       order).</li>
 * </ul>
 *
 * <p>Threading: thread safe; appends from several threads, processes and hosts are allowed.
 */
public final class PostgresStore extends JdbcHistory implements ArchiveStore {
    private static final Logger LOG = LoggerFactory.getLogger(PostgresStore.class);
    /** Where the migrations are on the class path. */
    static final String MIGRATIONS = "classpath:io/sunsync/ground/store/postgres/migration";
    private static final List<StoreTable> TABLES = List.of(StoreTable.HK, StoreTable.EVT, StoreTable.TC_REPORT,
            StoreTable.MESSAGE);

    private final StoreUrl url;
    private final StoreOptions options;
    private final HikariDataSource pool;
    private final DayPartitions partitions;
    private final Set<String> knownSatellites = ConcurrentHashMap.newKeySet();
    private final Map<StoreTable, String> copySql = new EnumMap<>(StoreTable.class);
    private final Map<StoreTable, String> moveSql = new EnumMap<>(StoreTable.class);
    private final Map<StoreTable, String> directSql = new EnumMap<>(StoreTable.class);
    private final Map<StoreTable, CopyBinary.Form[]> forms = new EnumMap<>(StoreTable.class);

    private PostgresStore(StoreUrl url, StoreOptions options, HikariDataSource pool, Map<StoreTable, CopyBinary.Form[]> forms) {
        this.url = url;
        this.options = options;
        this.pool = pool;
        this.partitions = new DayPartitions(pool);
        this.forms.putAll(forms);
        for (StoreTable t : TABLES) {
            String cols = String.join(", ", t.columns());
            copySql.put(t, CopyBinary.sql(stage(t), t.columns()));
            directSql.put(t, CopyBinary.sql(t.table(), t.columns()));
            moveSql.put(t, "INSERT INTO " + t.table() + " (" + cols + ") SELECT " + cols + " FROM " + stage(t)
                    + " ON CONFLICT DO NOTHING");
        }
    }

    private static String stage(StoreTable t) {
        return t.table() + "_stage";
    }

    /**
     * Opens the store at {@code url}: migrates the schema, starts the pool (one connection is made
     * at once), and makes today's and tomorrow's partitions.
     *
     * @throws StoreException {@link StoreError#UNREACHABLE}, {@link StoreError#AUTHENTICATION},
     *                        {@link StoreError#NO_DATABASE} or {@link StoreError#SCHEMA}, with a message
     *                        for the operator
     */
    public static PostgresStore open(StoreUrl url, StoreOptions options) throws StoreException {
        String password = url.password() == null ? null : new String(url.password().chars());
        try {
            Flyway.configure().dataSource(url.jdbcUrl(), url.user(), password).locations(MIGRATIONS)
                    .connectRetries(0).load().migrate();
        } catch (FlywayException e) {
            StoreException se = SqlFailures.classify(e, "migrating the schema", url.display());
            if (se.error() == StoreError.FAILED) {
                throw new StoreException(StoreError.SCHEMA, "the archive schema on " + url.display()
                        + " cannot be brought to this build's version: " + firstLine(e.getMessage()), e);
            }
            throw se;
        }
        HikariConfig hc = new HikariConfig();
        hc.setJdbcUrl(url.jdbcUrl());
        hc.setUsername(url.user());
        hc.setPassword(password);
        hc.setPoolName("archive-" + url.display().replaceAll("[^A-Za-z0-9_.:@-]", "_"));
        hc.setMaximumPoolSize(options.poolSize());
        hc.setMinimumIdle(1);
        hc.setConnectionTimeout(options.connectTimeout().toMillis());
        hc.setValidationTimeout(Math.min(5000, options.connectTimeout().toMillis()));
        hc.setInitializationFailTimeout(options.connectTimeout().toMillis());
        StringBuilder init = new StringBuilder();
        for (StoreTable t : TABLES) {
            init.append("CREATE TEMP TABLE ").append(stage(t)).append(" (LIKE ").append(t.table())
                    .append(" INCLUDING DEFAULTS) ON COMMIT DELETE ROWS; ");
        }
        // Every statement planned for its own parameters. pgjdbc prepares statements on the server (below), and after five
        // runs PostgreSQL may switch a prepared statement to a generic plan, costed without the parameters' values: for
        // a partitioned table it guesses one row a partition and so sorts instead of reading the (sat, t, ...) index in
        // order. Which generic plan depends on the partition's statistics: in some (one satellite's day beside a thin
        // fleet, or not yet analyzed) one satellite's 86,400 rows were sorted on disk (~8 MB external merge, ~2x the
        // query's server time). The fleet snapshot's generic plan would sort each satellite's lookback likewise
        // (PostgreSQL kept custom plans for it wherever measured). Planning a custom plan costs ~0.2 ms
        // (docs/operations.md, "The fleet archive on PostgreSQL", "Query latency").
        init.append("SET plan_cache_mode = force_custom_plan");
        hc.setConnectionInitSql(init.toString());
        hc.addDataSourceProperty("ApplicationName", "sunsync-archive");
        hc.addDataSourceProperty("tcpKeepAlive", "true");
        // Server-side prepared statements with results in binary from the first run, not the fifth: a day's 86,400
        // rows of times and numbers are then decoded from their bytes instead of parsed from text.
        hc.addDataSourceProperty("prepareThreshold", "-1");
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(hc);
        } catch (RuntimeException e) {
            throw SqlFailures.classify(e, "connecting", url.display());
        }
        Map<StoreTable, CopyBinary.Form[]> forms = new EnumMap<>(StoreTable.class);
        try (Connection c = pool.getConnection()) {
            for (StoreTable t : TABLES) {
                forms.put(t, CopyBinary.columns(c, t));
            }
        } catch (SQLException | RuntimeException e) {
            pool.close();
            throw SqlFailures.classify(e, "reading the archive's column types", url.display());
        }
        PostgresStore store = new PostgresStore(url, options, pool, forms);
        try {
            LocalDate today = LocalDate.ofInstant(options.clock().instant(), ZoneOffset.UTC);
            store.prepare(today, 2);
        } catch (StoreException e) {
            store.close();
            throw e;
        }
        return store;
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        String t = s.strip();
        int nl = t.indexOf('\n');
        return nl < 0 ? t : t.substring(0, nl);
    }

    @Override
    public StoreBackend backend() {
        return StoreBackend.POSTGRESQL;
    }

    @Override
    public String location() {
        return url.display();
    }

    @Override
    public AppendResult append(StoreBatch batch) throws StoreException {
        if (batch.isEmpty()) {
            return AppendResult.NONE;
        }
        Map<StoreTable, List<ArchiveRecord>> byTable = new EnumMap<>(StoreTable.class);
        Set<RecordKey> seen = new HashSet<>();
        long inBatchCopies = 0;
        for (ArchiveRecord r : batch.records()) {
            if (!seen.add(r.key())) {
                inBatchCopies++;
                continue;
            }
            byTable.computeIfAbsent(StoreTable.of(r.kind()), k -> new ArrayList<>()).add(r);
        }
        try {
            return appendOnce(batch, byTable, inBatchCopies);
        } catch (StoreException e) {
            if (e.error() == StoreError.REJECTED && "23514".equals(e.sqlState())
                    && String.valueOf(e.getMessage()).contains("no partition")) {
                // Another process's retention dropped a partition this one remembered: make it again, once.
                partitions.forget();
                return appendOnce(batch, byTable, inBatchCopies);
            }
            throw e;
        }
    }

    private AppendResult appendOnce(StoreBatch batch, Map<StoreTable, List<ArchiveRecord>> byTable, long inBatchCopies)
            throws StoreException {
        try {
            for (StoreTable t : List.of(StoreTable.HK, StoreTable.EVT)) {
                List<ArchiveRecord> rows = byTable.get(t);
                if (rows != null) {
                    Set<LocalDate> days = new TreeSet<>();
                    for (ArchiveRecord r : rows) {
                        days.add(LocalDate.ofInstant(StoreTable.time(r), ZoneOffset.UTC));
                    }
                    partitions.ensure(t, days);
                }
            }
        } catch (SQLException | RuntimeException e) {
            throw failure(e, "making partitions");
        }
        TreeSet<String> newSats = new TreeSet<>();
        for (ArchiveRecord r : byTable.getOrDefault(StoreTable.HK, List.of())) {
            if (!knownSatellites.contains(r.sat())) {
                newSats.add(r.sat());
            }
        }
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(false);
            try {
                long stored = 0;
                PGConnection pg = c.unwrap(PGConnection.class);
                for (StoreTable t : TABLES) {
                    List<ArchiveRecord> rows = byTable.get(t);
                    if (rows == null) {
                        continue;
                    }
                    stored += copy(c, pg, t, rows);
                }
                if (!newSats.isEmpty()) {
                    try (PreparedStatement ps = c.prepareStatement(
                            "INSERT INTO satellite (sat) SELECT unnest(?::text[]) ORDER BY 1 ON CONFLICT DO NOTHING")) {
                        ps.setArray(1, c.createArrayOf("text", newSats.toArray()));
                        ps.executeUpdate();
                    }
                }
                long quarantined = 0;
                if (!batch.quarantined().isEmpty()) {
                    try (PreparedStatement ps = c.prepareStatement("INSERT INTO quarantine (rx, topic, sat, kind, reason, detail,"
                            + " payload, props, dedupe) VALUES (?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?) ON CONFLICT (dedupe) DO NOTHING")) {
                        for (QuarantinedFrame q : batch.quarantined()) {
                            bindTime(ps, 1, q.rx());
                            ps.setString(2, q.topic().replace('\0', ' '));
                            ps.setString(3, q.sat());
                            ps.setString(4, q.kind());
                            ps.setString(5, q.reason().name());
                            ps.setString(6, q.detail());
                            ps.setBytes(7, q.payload());
                            ps.setString(8, JsonText.object(q.userProperties()).replace("\\u0000", " "));
                            ps.setString(9, q.key().replace('\0', ' '));
                            ps.addBatch();
                        }
                        for (int n : ps.executeBatch()) {
                            quarantined += Math.max(0, n);
                        }
                    }
                }
                c.commit();
                knownSatellites.addAll(newSats);
                return new AppendResult(stored, batch.records().size() - stored, quarantined);
            } catch (SQLException | RuntimeException e) {
                try {
                    c.rollback();
                } catch (SQLException ignored) {
                    // the connection is likely gone; the pool replaces it
                }
                throw e;
            }
        } catch (SQLException | RuntimeException e) {
            throw failure(e, "storing a batch of " + batch.size());
        }
    }

    /**
     * Moves one table's rows in: first straight into the table with {@code COPY} (the common case,
     * no copy already stored), inside a savepoint; if a row is already there (unique violation,
     * after a redelivery), back to the savepoint and through the staging table with
     * {@code INSERT … ON CONFLICT DO NOTHING}.
     *
     * @return rows newly stored
     */
    private long copy(Connection c, PGConnection pg, StoreTable t, List<ArchiveRecord> rows) throws SQLException {
        Savepoint sp = c.setSavepoint();
        try {
            copyIn(pg, directSql.get(t), t, rows);
            c.releaseSavepoint(sp);
            return rows.size();
        } catch (SQLException e) {
            if (!"23505".equals(e.getSQLState())) {
                throw e;
            }
            c.rollback(sp);
        }
        copyIn(pg, copySql.get(t), t, rows);
        try (Statement s = c.createStatement()) {
            return s.executeUpdate(moveSql.get(t));
        }
    }

    private void copyIn(PGConnection pg, String sql, StoreTable t, List<ArchiveRecord> rows) throws SQLException {
        CopyIn in = pg.getCopyAPI().copyIn(sql);
        try {
            CopyBinary.send(in, t, forms.get(t), rows);
            in.endCopy();
        } finally {
            if (in.isActive()) {
                in.cancelCopy();
            }
        }
    }

    @Override
    protected Connection reader() throws SQLException {
        return pool.getConnection();
    }

    @Override
    protected void bindTime(PreparedStatement ps, int index, Instant t) throws SQLException {
        ps.setObject(index, OffsetDateTime.ofInstant(t, ZoneOffset.UTC));
    }

    /**
     * The timestamptz itself, decoded by the driver ({@link #readTime}): {@code extract(epoch …)}
     * computes in {@code numeric} since PostgreSQL 14, a cost per row that was a third of a day
     * query's time in the server.
     */
    @Override
    protected String timeSelect(String column) {
        return column;
    }

    /**
     * The instant of a timestamptz, microseconds included, whatever the JVM's or the session's
     * time zone. Through {@code java.sql.Timestamp}, not {@code OffsetDateTime}: the driver builds an
     * OffsetDateTime from an Instant, a LocalDateTime and fresh zone rules, ~200 bytes of garbage a
     * row, 18 of a day query's 73 MB.
     */
    @Override
    protected Instant readTime(ResultSet rs, int index) throws SQLException {
        Timestamp t = rs.getTimestamp(index);
        return t == null ? null : t.toInstant();
    }

    @Override
    protected String pathExpression() {
        return "msg #> ?::text[]";
    }

    @Override
    protected Object pathParameter(List<String> segments) {
        return "{" + String.join(",", segments) + "}";
    }

    @Override
    protected String snapshotSql() {
        return "SELECT s.sat, " + timeSelect("h.t") + ", h.frame_seq, h.mode, h.soc_pct, h.budget_w, h.boards_on, h.msg FROM satellite s"
                + " CROSS JOIN LATERAL (SELECT x.t, x.frame_seq, x.mode, x.soc_pct, x.budget_w, x.boards_on, x.msg FROM hk x"
                + " WHERE x.sat = s.sat AND x.t <= ? AND x.t > ?"
                + " ORDER BY x.t DESC, x.stream DESC, x.seq DESC, x.dk DESC LIMIT 1) h ORDER BY s.sat";
    }


    @Override
    public StoreStats stats() throws StoreException {
        try (Connection c = reader(); Statement s = c.createStatement()) {
            Map<String, Long> rows = rowCounts(c);
            long sats = rows.remove("satellite");
            long bytes;
            try (ResultSet rs = s.executeQuery("SELECT coalesce(sum(pg_total_relation_size(relid)), 0) FROM ("
                    + " SELECT relid FROM pg_partition_tree('hk') UNION ALL SELECT relid FROM pg_partition_tree('evt')"
                    + " UNION ALL SELECT 'tc_report'::regclass UNION ALL SELECT 'message'::regclass"
                    + " UNION ALL SELECT 'quarantine'::regclass UNION ALL SELECT 'satellite'::regclass) r")) {
                rs.next();
                bytes = rs.getLong(1);
            }
            return new StoreStats(StoreBackend.POSTGRESQL, location(), rows, sats, bytes, partitions.list(StoreTable.HK));
        } catch (SQLException | RuntimeException e) {
            throw failure(e, "reading statistics");
        }
    }

    /** The day partitions of {@code table} ({@code hk} or {@code evt}), oldest first. */
    public List<String> partitions(String table) throws StoreException {
        try {
            return partitions.list(StoreTable.of(table.equals("evt") ? "evt" : "hk"));
        } catch (SQLException e) {
            throw failure(e, "listing partitions");
        }
    }

    @Override
    public UpkeepReport prepare(LocalDate first, int days) throws StoreException {
        if (days < 0 || days > 3660) {
            throw new IllegalArgumentException("days must be 0-3660, was " + days);
        }
        Set<LocalDate> want = new TreeSet<>();
        for (int d = 0; d < days; d++) {
            want.add(first.plusDays(d));
        }
        List<String> created = new ArrayList<>();
        try {
            for (StoreTable t : List.of(StoreTable.HK, StoreTable.EVT)) {
                created.addAll(partitions.ensure(t, want));
            }
        } catch (SQLException | RuntimeException e) {
            throw failure(e, "making partitions");
        }
        if (!created.isEmpty()) {
            LOG.info("archive {}: made partitions {}", location(), created);
        }
        return new UpkeepReport(created, List.of(), 0);
    }

    @Override
    public UpkeepReport retain(LocalDate keepFrom) throws StoreException {
        List<String> dropped = new ArrayList<>();
        long deleted;
        try {
            for (StoreTable t : List.of(StoreTable.HK, StoreTable.EVT)) {
                dropped.addAll(partitions.dropBefore(t, keepFrom));
            }
            try (Connection c = pool.getConnection();
                 PreparedStatement ps = c.prepareStatement("DELETE FROM quarantine WHERE rx < ?")) {
                bindTime(ps, 1, keepFrom.atStartOfDay(ZoneOffset.UTC).toInstant());
                deleted = ps.executeUpdate();
            }
        } catch (SQLException | RuntimeException e) {
            throw failure(e, "retention before " + keepFrom);
        }
        if (!dropped.isEmpty()) {
            LOG.info("archive {}: retention dropped {}", location(), dropped);
        }
        return new UpkeepReport(List.of(), dropped, deleted);
    }

    /** The options it was opened with. */
    public StoreOptions options() {
        return options;
    }

    @Override
    public void close() {
        pool.close();
    }
}
