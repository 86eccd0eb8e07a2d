package io.sunsync.ground.store.sqlite;

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
import io.sunsync.ground.store.UpkeepReport;
import io.sunsync.ground.store.jdbc.JdbcHistory;
import io.sunsync.ground.store.jdbc.JsonText;
import io.sunsync.ground.store.jdbc.StoreTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.locks.ReentrantLock;
import org.sqlite.SQLiteConfig;

/**
 * The archive store in one SQLite file: the embedded default (one operator, zero set-up).
 *
 * <p>Schema (version 1, {@code PRAGMA user_version}): the tables of {@link StoreTable} with the
 * same columns as on PostgreSQL, times as INTEGER microseconds since the epoch (UTC) and messages
 * as JSON text; {@code quarantine}; {@code satellite}. Idempotence: a unique index on each
 * table's key, {@code INSERT OR IGNORE}. An archive.db written by earlier versions (one
 * {@code records} table) is carried over into these tables when first opened, and its table kept
 * as {@code records_v0}.
 *
 * <p>Threading: thread safe. Writes go through one connection, one transaction per batch (several
 * processes may write one file: SQLite serialises them, waiting up to 10 s for the lock); reads use
 * their own pooled connections and see committed batches only (WAL).
 */
public final class SqliteStore extends JdbcHistory implements ArchiveStore {
    /** The schema version this build writes. */
    public static final int SCHEMA_VERSION = 1;

    private final Path file;
    private final Connection writer;
    private final HikariDataSource readers;
    private final ReentrantLock writeLock = new ReentrantLock();
    private final Map<StoreTable, PreparedStatement> inserts = new EnumMap<>(StoreTable.class);
    private final PreparedStatement insertSatellite;
    private final PreparedStatement insertQuarantine;

    private SqliteStore(Path file, Connection writer, HikariDataSource readers) throws SQLException {
        this.file = file;
        this.writer = writer;
        this.readers = readers;
        for (StoreTable t : StoreTable.values()) {
            inserts.put(t, writer.prepareStatement("INSERT OR IGNORE INTO " + t.table() + " (" + String.join(", ", t.columns())
                    + ") VALUES (" + "?, ".repeat(t.columns().size() - 1) + "?)"));
        }
        insertSatellite = writer.prepareStatement("INSERT OR IGNORE INTO satellite (sat, first_seen) VALUES (?, ?)");
        insertQuarantine = writer.prepareStatement("INSERT OR IGNORE INTO quarantine (rx, topic, sat, kind, reason, detail,"
                + " payload, props, dedupe) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
    }

    /**
     * Opens (creating if needed) the store in {@code file}.
     *
     * @throws StoreException {@link StoreError#SCHEMA} if a newer build wrote the file,
     *                        {@link StoreError#FAILED} if it cannot be opened
     */
    public static SqliteStore open(Path file, StoreOptions options) throws StoreException {
        String where = "sqlite:" + file;
        Connection writer = null;
        HikariDataSource readers = null;
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            SQLiteConfig cfg = new SQLiteConfig();
            cfg.setJournalMode(SQLiteConfig.JournalMode.WAL);
            cfg.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
            cfg.setBusyTimeout(10_000);
            cfg.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
            writer = cfg.createConnection("jdbc:sqlite:" + file);
            migrate(writer, where);
            HikariConfig hc = new HikariConfig();
            hc.setJdbcUrl("jdbc:sqlite:" + file);
            hc.setPoolName("sqlite-read");
            hc.setMaximumPoolSize(options.poolSize());
            hc.setMinimumIdle(0);
            hc.setConnectionTimeout(Math.max(250, options.connectTimeout().toMillis()));
            hc.addDataSourceProperty("busy_timeout", "10000");
            readers = new HikariDataSource(hc);
            SqliteStore store = new SqliteStore(file, writer, readers);
            store.carryOverLegacyRecords();
            return store;
        } catch (StoreException e) {
            closeQuietly(writer, readers);
            throw e;
        } catch (SQLException | IOException | RuntimeException e) {
            closeQuietly(writer, readers);
            throw new StoreException(StoreError.FAILED, "cannot open the SQLite archive " + file + ": " + e.getMessage(), e);
        }
    }

    private static void closeQuietly(Connection c, HikariDataSource ds) {
        try {
            if (c != null) {
                c.close();
            }
        } catch (SQLException ignored) {
            // closing after a failure
        }
        if (ds != null) {
            ds.close();
        }
    }

    private static void migrate(Connection c, String where) throws SQLException, StoreException {
        int version;
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA user_version")) {
            version = rs.next() ? rs.getInt(1) : 0;
        }
        if (version > SCHEMA_VERSION) {
            throw new StoreException(StoreError.SCHEMA, where + " has schema version " + version
                    + ", newer than this build's " + SCHEMA_VERSION + ": use a newer sunsync");
        }
        if (version == SCHEMA_VERSION) {
            return;
        }
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            String key = "sat TEXT NOT NULL, t INTEGER NOT NULL, stream TEXT NOT NULL, seq INTEGER NOT NULL, dk TEXT NOT NULL,"
                    + " rx INTEGER NOT NULL, topic TEXT NOT NULL";
            s.execute("CREATE TABLE IF NOT EXISTS satellite (sat TEXT PRIMARY KEY, first_seen INTEGER NOT NULL)");
            s.execute("CREATE TABLE IF NOT EXISTS hk (" + key + ", frame_seq INTEGER, mode TEXT, soc_pct REAL, budget_w REAL,"
                    + " boards_on INTEGER, boards_enabled INTEGER, array_w REAL, board_power_w REAL, max_temp_c REAL,"
                    + " sunlit INTEGER, msg TEXT NOT NULL, UNIQUE (sat, t, stream, seq, dk))");
            s.execute("CREATE TABLE IF NOT EXISTS evt (" + key + ", severity TEXT, severity_rank INTEGER, source TEXT, code TEXT,"
                    + " job_id TEXT, message TEXT, msg TEXT NOT NULL, UNIQUE (sat, t, stream, seq, dk))");
            s.execute("CREATE INDEX IF NOT EXISTS evt_t ON evt (t)");
            s.execute("CREATE INDEX IF NOT EXISTS evt_job ON evt (sat, job_id) WHERE job_id IS NOT NULL");
            s.execute("CREATE TABLE IF NOT EXISTS tc_report (" + key + ", cmd_seq INTEGER, name TEXT, stage TEXT, reason TEXT,"
                    + " origin_kind TEXT, origin_id TEXT, duplicate INTEGER, msg TEXT NOT NULL, UNIQUE (sat, stream, seq, dk))");
            s.execute("CREATE INDEX IF NOT EXISTS tc_report_sat_t ON tc_report (sat, t)");
            s.execute("CREATE INDEX IF NOT EXISTS tc_report_cmd ON tc_report (sat, cmd_seq)");
            s.execute("CREATE TABLE IF NOT EXISTS message (" + key + ", kind TEXT NOT NULL, msg TEXT NOT NULL,"
                    + " UNIQUE (sat, stream, seq, dk))");
            s.execute("CREATE INDEX IF NOT EXISTS message_sat_kind_t ON message (sat, kind, t)");
            s.execute("CREATE TABLE IF NOT EXISTS quarantine (id INTEGER PRIMARY KEY, rx INTEGER NOT NULL, topic TEXT NOT NULL,"
                    + " sat TEXT, kind TEXT, reason TEXT NOT NULL, detail TEXT NOT NULL, payload BLOB NOT NULL, props TEXT,"
                    + " dedupe TEXT NOT NULL UNIQUE)");
            s.execute("CREATE INDEX IF NOT EXISTS quarantine_rx ON quarantine (rx)");
            s.execute("PRAGMA user_version = " + SCHEMA_VERSION);
            c.commit();
        } catch (SQLException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(true);
        }
    }

    /** Carries the {@code records} table of an archive.db from before the store into the store's tables, once. */
    private void carryOverLegacyRecords() throws StoreException, SQLException {
        boolean legacy;
        try (Statement s = writer.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'records'")) {
            legacy = rs.next() && rs.getInt(1) > 0;
        }
        if (!legacy) {
            return;
        }
        List<ArchiveRecord> batch = new ArrayList<>();
        try (Statement s = writer.createStatement();
             ResultSet rs = s.executeQuery("SELECT rx, sat, kind, stream, seq, topic, dedupe, msg FROM records ORDER BY id")) {
            while (rs.next()) {
                String[] key = rs.getString(7).split("\\|", 4);
                var msg = JsonText.node(rs.getString(8));
                String sat = rs.getString(2);
                batch.add(new ArchiveRecord(Instant.parse(rs.getString(1)), sat, rs.getString(3),
                        new RecordKey(sat, rs.getString(4), rs.getLong(5), key.length == 4 ? key[3] : ""), rs.getString(6),
                        msg.path("t").isTextual() ? msg.path("t").asText() : null, msg));
            }
        }
        for (int i = 0; i < batch.size(); i += 1000) {
            append(StoreBatch.of(batch.subList(i, Math.min(batch.size(), i + 1000))));
        }
        try (Statement s = writer.createStatement()) {
            s.execute("DROP VIEW IF EXISTS events");
            s.execute("ALTER TABLE records RENAME TO records_v0");
        }
    }

    @Override
    public StoreBackend backend() {
        return StoreBackend.SQLITE;
    }

    @Override
    public String location() {
        return "sqlite:" + file;
    }

    /** The database file. */
    public Path file() {
        return file;
    }

    @Override
    public AppendResult append(StoreBatch batch) throws StoreException {
        if (batch.isEmpty()) {
            return AppendResult.NONE;
        }
        writeLock.lock();
        try {
            writer.setAutoCommit(false);
            try {
                long stored = 0;
                Map<StoreTable, List<ArchiveRecord>> byTable = new EnumMap<>(StoreTable.class);
                TreeSet<String> sats = new TreeSet<>();
                for (ArchiveRecord r : batch.records()) {
                    byTable.computeIfAbsent(StoreTable.of(r.kind()), k -> new ArrayList<>()).add(r);
                    if (r.kind().equals("hk")) {
                        sats.add(r.sat());
                    }
                }
                for (Map.Entry<StoreTable, List<ArchiveRecord>> e : byTable.entrySet()) {
                    PreparedStatement ps = inserts.get(e.getKey());
                    for (ArchiveRecord r : e.getValue()) {
                        bind(ps, e.getKey(), e.getKey().values(r));
                        ps.addBatch();
                    }
                    for (int n : ps.executeBatch()) {
                        stored += Math.max(0, n);
                    }
                }
                long now = micros(batch.records().isEmpty() ? batch.quarantined().get(0).rx() : batch.records().get(0).rx());
                for (String sat : sats) {
                    insertSatellite.setString(1, sat);
                    insertSatellite.setLong(2, now);
                    insertSatellite.addBatch();
                }
                if (!sats.isEmpty()) {
                    insertSatellite.executeBatch();
                }
                long quarantined = 0;
                for (QuarantinedFrame q : batch.quarantined()) {
                    insertQuarantine.setLong(1, micros(q.rx()));
                    insertQuarantine.setString(2, q.topic());
                    insertQuarantine.setString(3, q.sat());
                    insertQuarantine.setString(4, q.kind());
                    insertQuarantine.setString(5, q.reason().name());
                    insertQuarantine.setString(6, q.detail());
                    insertQuarantine.setBytes(7, q.payload());
                    insertQuarantine.setString(8, JsonText.object(q.userProperties()));
                    insertQuarantine.setString(9, q.key());
                    insertQuarantine.addBatch();
                }
                if (!batch.quarantined().isEmpty()) {
                    for (int n : insertQuarantine.executeBatch()) {
                        quarantined += Math.max(0, n);
                    }
                }
                writer.commit();
                return new AppendResult(stored, batch.records().size() - stored, quarantined);
            } catch (SQLException | RuntimeException e) {
                try {
                    writer.rollback();
                } catch (SQLException ignored) {
                    // the failure below says what went wrong
                }
                for (PreparedStatement ps : inserts.values()) {
                    ps.clearBatch();
                }
                insertSatellite.clearBatch();
                insertQuarantine.clearBatch();
                throw failure(e, "storing a batch of " + batch.size());
            } finally {
                writer.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw failure(e, "storing a batch of " + batch.size());
        } finally {
            writeLock.unlock();
        }
    }

    private static void bind(PreparedStatement ps, StoreTable table, Object[] values) throws SQLException {
        for (int i = 0; i < values.length; i++) {
            Object v = values[i];
            int p = i + 1;
            if (v == null) {
                ps.setNull(p, Types.NULL);
                continue;
            }
            switch (table.type(i)) {
                case TIME -> ps.setLong(p, micros((Instant) v));
                case INT -> ps.setLong(p, (Long) v);
                case REAL -> ps.setDouble(p, (Double) v);
                case BOOL -> ps.setInt(p, (Boolean) v ? 1 : 0);
                default -> ps.setString(p, (String) v);
            }
        }
    }

    /** Microseconds since the epoch, how this backend stores times. */
    static long micros(Instant t) {
        return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1000);
    }

    @Override
    protected Connection reader() throws SQLException {
        return readers.getConnection();
    }

    @Override
    protected void bindTime(PreparedStatement ps, int index, Instant t) throws SQLException {
        ps.setLong(index, micros(t));
    }

    @Override
    protected String timeSelect(String column) {
        return column;
    }

    @Override
    protected String pathExpression() {
        return "msg -> ?";
    }

    @Override
    protected Object pathParameter(List<String> segments) {
        return "$." + String.join(".", segments);
    }

    @Override
    protected String snapshotSql() {
        return "SELECT h.sat, h.t, h.frame_seq, h.mode, h.soc_pct, h.budget_w, h.boards_on, h.msg FROM satellite s"
                + " JOIN hk h ON h.rowid = (SELECT x.rowid FROM hk x WHERE x.sat = s.sat AND x.t <= ?1 AND x.t > ?2"
                + " ORDER BY x.t DESC, x.stream DESC, x.seq DESC, x.dk DESC LIMIT 1) ORDER BY h.sat";
    }

    @Override
    public StoreStats stats() throws StoreException {
        try (Connection c = reader()) {
            Map<String, Long> rows = rowCounts(c);
            long sats = rows.remove("satellite");
            long bytes = 0;
            for (String suffix : List.of("", "-wal")) {
                Path p = Path.of(file + suffix);
                bytes += Files.exists(p) ? Files.size(p) : 0;
            }
            return new StoreStats(StoreBackend.SQLITE, location(), rows, sats, bytes, List.of());
        } catch (SQLException | IOException | RuntimeException e) {
            throw failure(e, "reading statistics");
        }
    }

    @Override
    public UpkeepReport prepare(LocalDate first, int days) {
        return new UpkeepReport(List.of(), List.of(), 0);
    }

    @Override
    public UpkeepReport retain(LocalDate keepFrom) throws StoreException {
        long cut = micros(keepFrom.atStartOfDay(ZoneOffset.UTC).toInstant());
        writeLock.lock();
        try {
            long deleted = 0;
            writer.setAutoCommit(false);
            try (Statement s = writer.createStatement()) {
                deleted += s.executeUpdate("DELETE FROM hk WHERE t < " + cut);
                deleted += s.executeUpdate("DELETE FROM evt WHERE t < " + cut);
                deleted += s.executeUpdate("DELETE FROM quarantine WHERE rx < " + cut);
                writer.commit();
            } catch (SQLException e) {
                writer.rollback();
                throw e;
            } finally {
                writer.setAutoCommit(true);
            }
            return new UpkeepReport(List.of(), List.of(), deleted);
        } catch (SQLException e) {
            throw failure(e, "retention before " + keepFrom);
        } finally {
            writeLock.unlock();
        }
    }

    @Override
    public void close() {
        writeLock.lock();
        try {
            for (PreparedStatement ps : inserts.values()) {
                ps.close();
            }
            insertSatellite.close();
            insertQuarantine.close();
            writer.close();
        } catch (SQLException ignored) {
            // closing
        } finally {
            writeLock.unlock();
            readers.close();
        }
    }
}
