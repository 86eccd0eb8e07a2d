package io.sunsync.ground.store.jdbc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.sunsync.ground.archive.ArchiveRecord;
import io.sunsync.ground.archive.RecordKey;
import io.sunsync.ground.events.EventRecord;
import io.sunsync.ground.store.ArchiveHistory;
import io.sunsync.ground.store.CommandHistory;
import io.sunsync.ground.store.EventQuery;
import io.sunsync.ground.store.FleetEntry;
import io.sunsync.ground.store.HkQuery;
import io.sunsync.ground.store.HkTable;
import io.sunsync.ground.store.JobHistory;
import io.sunsync.ground.store.QuarantineReason;
import io.sunsync.ground.store.QuarantinedFrame;
import io.sunsync.ground.store.StoreException;
import io.sunsync.ground.store.TimeRange;
import io.sunsync.ground.telemetry.JsonPaths;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The read side of the archive, written once in SQL both backends run, over a small dialect each
 * backend supplies: how times are bound and read, how a JSON path picks a value out of a message,
 * and the fleet-snapshot query. The same questions get the same answers on every backend (the
 * contract test checks it).
 *
 * <p>Threading: thread safe as long as {@link #reader()} hands each caller its own connection.
 */
public abstract class JdbcHistory implements ArchiveHistory {
    /** Top-level sections of the housekeeping frame that are arrays (hk.schema.json): paths through them are resolved in Java. */
    public static final Set<String> HK_ARRAY_SECTIONS = Set.of("rates", "components");
    private static final Pattern DIRECT_PATH = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)*");

    /** A connection for reading (returned to its pool or closed by the caller). */
    protected abstract Connection reader() throws SQLException;

    /** Binds an instant as the backend stores mission and reception times. */
    protected abstract void bindTime(PreparedStatement ps, int index, Instant t) throws SQLException;

    /**
     * An SQL expression for the time {@code column} (or expression) as {@link #readTime} reads it:
     * by default whole microseconds since the epoch, UTC (a BIGINT).
     */
    protected abstract String timeSelect(String column);

    /**
     * Reads a time selected through {@link #timeSelect}; null for SQL NULL. By default from
     * microseconds since the epoch; a backend that selects its own time type reads that instead.
     */
    protected Instant readTime(ResultSet rs, int index) throws SQLException {
        long us = rs.getLong(index);
        if (rs.wasNull()) {
            return null;
        }
        return Instant.ofEpochSecond(Math.floorDiv(us, 1_000_000L), Math.floorMod(us, 1_000_000L) * 1000L);
    }

    /** An SQL expression with one parameter that gives the JSON text of a path in column {@code msg}, or NULL. */
    protected abstract String pathExpression();

    /** The parameter for {@link #pathExpression()} naming the path {@code segments}. */
    protected abstract Object pathParameter(List<String> segments);

    /**
     * The fleet snapshot query: parameters (at, after); columns sat, t, frame_seq, mode, soc_pct,
     * budget_w, boards_on, msg; one row per satellite with a frame in (after, at], sorted by sat.
     */
    protected abstract String snapshotSql();

    /** Where this store is, for messages. */
    public abstract String location();

    /** A store exception for {@code e} during {@code what}. */
    protected StoreException failure(Throwable e, String what) {
        return SqlFailures.classify(e, what, location());
    }

    @Override
    public List<String> satellites() throws StoreException {
        try (Connection c = reader(); PreparedStatement ps = c.prepareStatement("SELECT sat FROM satellite ORDER BY sat");
             ResultSet rs = ps.executeQuery()) {
            List<String> out = new ArrayList<>();
            while (rs.next()) {
                out.add(rs.getString(1));
            }
            return out;
        } catch (SQLException | RuntimeException e) {
            throw failure(e, "listing satellites");
        }
    }

    @Override
    public Optional<Instant> newest(String sat, String kind) throws StoreException {
        StoreTable table = StoreTable.of(kind);
        String sql = "SELECT " + timeSelect("max(t)") + " FROM " + table.table() + " WHERE " + (sat == null ? "1 = 1" : "sat = ?")
                + (table == StoreTable.MESSAGE ? " AND kind = ?" : "");
        try (Connection c = reader(); PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            if (sat != null) {
                ps.setString(i++, sat);
            }
            if (table == StoreTable.MESSAGE) {
                ps.setString(i, kind);
            }
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.ofNullable(readTime(rs, 1)) : Optional.empty();
            }
        } catch (SQLException | RuntimeException e) {
            throw failure(e, "finding the newest " + kind + " of " + sat);
        }
    }

    @Override
    public List<ArchiveRecord> records(String sat, String kind, TimeRange range, int limit) throws StoreException {
        StoreTable table = StoreTable.of(kind);
        StringBuilder sql = new StringBuilder("SELECT " + timeSelect("rx") + ", stream, seq, dk, topic, msg FROM ").append(table.table())
                .append(" WHERE sat = ?");
        if (table == StoreTable.MESSAGE) {
            sql.append(" AND kind = ?");
        }
        appendRange(sql, range);
        sql.append(" ORDER BY t, stream, seq, dk LIMIT ?");
        try (Connection c = reader(); PreparedStatement ps = c.prepareStatement(sql.toString())) {
            int i = 1;
            ps.setString(i++, sat);
            if (table == StoreTable.MESSAGE) {
                ps.setString(i++, kind);
            }
            i = bindRange(ps, i, range);
            ps.setInt(i, limit);
            List<ArchiveRecord> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    JsonNode msg = JsonText.node(rs.getString(6));
                    String stream = rs.getString(2);
                    out.add(new ArchiveRecord(readTime(rs, 1), sat, kind, new RecordKey(sat, stream, rs.getLong(3), rs.getString(4)),
                            rs.getString(5), msg.path("t").isTextual() ? msg.path("t").asText() : null, msg));
                }
            }
            return out;
        } catch (SQLException | RuntimeException e) {
            throw failure(e, "reading " + kind + " of " + sat);
        }
    }

    /** True if {@code path} can be picked out of a frame in SQL (object keys only, not through an array). */
    static boolean sqlPath(String path) {
        if (!DIRECT_PATH.matcher(path).matches()) {
            return false;
        }
        int dot = path.indexOf('.');
        return dot < 0 || !HK_ARRAY_SECTIONS.contains(path.substring(0, dot));
    }

    @Override
    public HkTable housekeeping(HkQuery q) throws StoreException {
        // Points with their own column are read from it (narrow, typed), the frame asked only where the column is
        // NULL; other object paths are picked out of the frame in SQL; paths through arrays need the whole frame.
        boolean inSql = q.fields().stream().allMatch(JdbcHistory::sqlPath);
        int n = q.fields().size();
        // Per field, the type of its column (null: picked out of the frame in SQL, or from the whole frame).
        StoreTable.Type[] types = new StoreTable.Type[n];
        StringBuilder sql = new StringBuilder("SELECT " + timeSelect("t") + ", frame_seq");
        if (inSql) {
            for (int f = 0; f < n; f++) {
                StoreTable.Column col = StoreTable.hkColumn(q.fields().get(f));
                if (col != null) {
                    types[f] = col.type();
                    sql.append(", ").append(col.column()).append(", CASE WHEN ").append(col.column()).append(" IS NULL THEN ")
                            .append(pathExpression()).append(" END");
                } else {
                    sql.append(", ").append(pathExpression());
                }
            }
        } else {
            sql.append(", msg");
        }
        sql.append(" FROM hk WHERE sat = ?");
        appendRange(sql, q.range());
        sql.append(" ORDER BY t, stream, seq, dk LIMIT ?");
        try (Connection c = reader(); PreparedStatement ps = c.prepareStatement(sql.toString())) {
            int i = 1;
            if (inSql) {
                for (String f : q.fields()) {
                    ps.setObject(i++, pathParameter(Arrays.asList(f.split("\\."))));
                }
            }
            ps.setString(i++, q.sat());
            i = bindRange(ps, i, q.range());
            ps.setInt(i, q.limit());
            ps.setFetchSize(10_000);
            List<HkTable.Row> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                // A day is 86,400 rows: per row one array of values, handed to the row as it is (List.of), and
                // wasNull() asked only where a getter's 0 or false may stand for SQL NULL.
                while (rs.next()) {
                    Instant t = readTime(rs, 1);
                    long seq = rs.getLong(2);
                    if (seq == 0 && rs.wasNull()) {
                        seq = -1;
                    }
                    JsonNode[] values = new JsonNode[n];
                    if (inSql) {
                        int at = 3;
                        for (int f = 0; f < n; f++) {
                            if (types[f] == null) {
                                values[f] = JsonText.node(rs.getString(at++));
                            } else {
                                JsonNode v = typed(rs, at, types[f]);
                                values[f] = v != null ? v : JsonText.node(rs.getString(at + 1));
                                at += 2;
                            }
                        }
                    } else {
                        JsonNode msg = JsonText.node(rs.getString(3));
                        for (int f = 0; f < n; f++) {
                            values[f] = JsonPaths.at(msg, q.fields().get(f));
                        }
                    }
                    rows.add(new HkTable.Row(t, seq, List.of(values)));
                }
            }
            return new HkTable(q.sat(), q.fields(), rows);
        } catch (SQLException | RuntimeException e) {
            throw failure(e, "reading housekeeping of " + q.sat());
        }
    }

    /** The node for a typed column's value, as Jackson would read it from the frame; null for SQL NULL. */
    private static JsonNode typed(ResultSet rs, int index, StoreTable.Type type) throws SQLException {
        switch (type) {
            case REAL -> {
                double d = rs.getDouble(index);
                return d == 0 && rs.wasNull() ? null : DoubleNode.valueOf(d);
            }
            case INT -> {
                long l = rs.getLong(index);
                if (l == 0 && rs.wasNull()) {
                    return null;
                }
                return l == (int) l ? IntNode.valueOf((int) l) : LongNode.valueOf(l);
            }
            case BOOL -> {
                boolean b = rs.getBoolean(index);
                return !b && rs.wasNull() ? null : BooleanNode.valueOf(b);
            }
            default -> {
                String text = rs.getString(index);
                return text == null ? null : TextNode.valueOf(text);
            }
        }
    }

    @Override
    public List<FleetEntry> snapshot(Instant at, Duration lookback) throws StoreException {
        try (Connection c = reader(); PreparedStatement ps = c.prepareStatement(snapshotSql())) {
            bindTime(ps, 1, at);
            bindTime(ps, 2, at.minus(lookback));
            List<FleetEntry> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long seq = rs.getLong(3);
                    seq = rs.wasNull() ? -1 : seq;
                    double soc = rs.getDouble(5);
                    soc = rs.wasNull() ? Double.NaN : soc;
                    double budget = rs.getDouble(6);
                    budget = rs.wasNull() ? Double.NaN : budget;
                    int on = rs.getInt(7);
                    on = rs.wasNull() ? -1 : on;
                    out.add(new FleetEntry(rs.getString(1), readTime(rs, 2), seq, rs.getString(4), soc, budget, on,
                            JsonText.node(rs.getString(8))));
                }
            }
            return out;
        } catch (SQLException | RuntimeException e) {
            throw failure(e, "reading the fleet snapshot at " + at);
        }
    }

    @Override
    public List<EventRecord> events(EventQuery q) throws StoreException {
        StringBuilder sql = new StringBuilder("SELECT sat, msg FROM evt WHERE severity_rank >= ?");
        appendRange(sql, q.range());
        appendIn(sql, "sat", q.sats().size());
        appendIn(sql, "source", q.sources().size());
        appendIn(sql, "code", q.codes().size());
        sql.append(" ORDER BY t, sat, stream, seq, dk LIMIT ?");
        try (Connection c = reader(); PreparedStatement ps = c.prepareStatement(sql.toString())) {
            int i = 1;
            ps.setInt(i++, q.minSeverity().ordinal());
            i = bindRange(ps, i, q.range());
            for (Set<String> set : List.of(q.sats(), q.sources(), q.codes())) {
                for (String s : set.stream().sorted().toList()) {
                    ps.setString(i++, s);
                }
            }
            ps.setInt(i, q.limit());
            List<EventRecord> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(EventRecord.parse(rs.getString(1), JsonText.node(rs.getString(2))));
                }
            }
            return out;
        } catch (SQLException | RuntimeException e) {
            throw failure(e, "reading events");
        }
    }

    @Override
    public List<CommandHistory> commands(String sat, TimeRange range) throws StoreException {
        // Every report of each command that has one in range (a command's reports may straddle its ends).
        StringBuilder inRange = new StringBuilder("SELECT 1 FROM tc_report x WHERE x.sat = r.sat AND x.cmd_seq = r.cmd_seq"
                + " AND x.origin_kind = r.origin_kind AND COALESCE(x.origin_id, '') = COALESCE(r.origin_id, '')");
        appendRange(inRange, range, "x.t");
        StringBuilder sql = new StringBuilder("SELECT r.sat, " + timeSelect("r.t") + ", r.cmd_seq, r.name, r.stage, r.reason, r.origin_kind,"
                + " r.origin_id, r.duplicate, r.msg FROM tc_report r WHERE ");
        if (sat != null) {
            sql.append("r.sat = ? AND ");
        }
        sql.append("((r.cmd_seq IS NOT NULL AND EXISTS (").append(inRange).append(")) OR (r.cmd_seq IS NULL");
        appendRange(sql, range, "r.t");
        sql.append(")) ORDER BY r.t, r.sat, r.stream, r.seq, r.dk");
        try (Connection c = reader(); PreparedStatement ps = c.prepareStatement(sql.toString())) {
            int i = 1;
            if (sat != null) {
                ps.setString(i++, sat);
            }
            i = bindRange(ps, i, range);
            bindRange(ps, i, range);
            Map<String, List<Object[]>> byCommand = new LinkedHashMap<>();
            try (ResultSet rs = ps.executeQuery()) {
                int n = 0;
                while (rs.next()) {
                    long seq = rs.getLong(3);
                    boolean noSeq = rs.wasNull();
                    String key = noSeq ? "unread#" + n : rs.getString(1) + "|" + rs.getString(7) + "|" + rs.getString(8) + "|" + seq;
                    n++;
                    JsonNode msg = JsonText.node(rs.getString(10));
                    byCommand.computeIfAbsent(key, k -> new ArrayList<>()).add(new Object[] {rs.getString(1), readTime(rs, 2),
                            noSeq ? -1L : seq, rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7),
                            rs.getString(8), rs.getBoolean(9), msg.path("message").asText("")});
                }
            }
            List<CommandHistory> out = new ArrayList<>();
            for (List<Object[]> reports : byCommand.values()) {
                Object[] first = reports.get(0);
                Object[] last = reports.get(reports.size() - 1);
                String name = null;
                String outcome = null;
                String reason = null;
                List<CommandHistory.Stage> stages = new ArrayList<>();
                for (Object[] r : reports) {
                    name = r[3] != null ? (String) r[3] : name;
                    String stage = (String) r[4];
                    stages.add(new CommandHistory.Stage((Instant) r[1], stage, (String) r[5], (Boolean) r[8]));
                    boolean isFinal = stage.equals("COMPLETED") || stage.equals("FAILED") || stage.equals("REJECTED");
                    boolean finalKnown = outcome != null && (outcome.equals("COMPLETED") || outcome.equals("FAILED")
                            || outcome.equals("REJECTED"));
                    if (isFinal || !finalKnown) {
                        outcome = stage;
                        reason = (String) r[5];
                    }
                }
                out.add(new CommandHistory((String) first[0], (Long) first[2], name, (String) first[6], (String) first[7],
                        (Instant) first[1], (Instant) last[1], outcome, reason, (String) last[9], stages));
            }
            out.sort(Comparator.comparing(CommandHistory::first).thenComparing(CommandHistory::sat)
                    .thenComparingLong(CommandHistory::seq));
            return out;
        } catch (SQLException | RuntimeException e) {
            throw failure(e, "reading command history");
        }
    }

    @Override
    public List<JobHistory> jobs(String sat, TimeRange range) throws StoreException {
        StringBuilder inRange = new StringBuilder("SELECT 1 FROM evt x WHERE x.sat = e.sat AND x.job_id = e.job_id");
        appendRange(inRange, range, "x.t");
        StringBuilder sql = new StringBuilder("SELECT e.sat, " + timeSelect("e.t") + ", e.job_id, e.code, e.msg FROM evt e WHERE e.job_id IS NOT NULL");
        if (sat != null) {
            sql.append(" AND e.sat = ?");
        }
        sql.append(" AND EXISTS (").append(inRange).append(") ORDER BY e.t, e.sat, e.stream, e.seq, e.dk");
        String manifests = "SELECT sat, " + timeSelect("t") + ", msg FROM message WHERE kind = 'result-manifest'" + (sat != null ? " AND sat = ?" : "")
                + " ORDER BY t, stream, seq, dk";
        try (Connection c = reader()) {
            Map<String, List<Object[]>> byJob = new LinkedHashMap<>();
            try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                int i = 1;
                if (sat != null) {
                    ps.setString(i++, sat);
                }
                bindRange(ps, i, range);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        byJob.computeIfAbsent(rs.getString(1) + "|" + rs.getString(3), k -> new ArrayList<>()).add(new Object[] {
                                rs.getString(1), readTime(rs, 2), rs.getString(3), rs.getString(4), JsonText.node(rs.getString(5))});
                    }
                }
            }
            Map<String, JobHistory.ResultManifest> results = new LinkedHashMap<>();
            if (!byJob.isEmpty()) {
                try (PreparedStatement ps = c.prepareStatement(manifests)) {
                    if (sat != null) {
                        ps.setString(1, sat);
                    }
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            JsonNode m = JsonText.node(rs.getString(3));
                            String key = rs.getString(1) + "|" + m.path("job").asText();
                            if (byJob.containsKey(key)) {
                                results.put(key, new JobHistory.ResultManifest(readTime(rs, 2), instant(m.path("finishedAt")),
                                        m.path("totalBytes").asLong(-1), m.path("files").size()));
                            }
                        }
                    }
                }
            }
            List<JobHistory> out = new ArrayList<>();
            for (Map.Entry<String, List<Object[]>> e : byJob.entrySet()) {
                List<Object[]> events = e.getValue();
                String owner = null;
                String state = null;
                String reason = null;
                int starts = 0;
                double work = Double.NaN;
                double energy = Double.NaN;
                long resultBytes = -1;
                List<String> codes = new ArrayList<>();
                for (Object[] ev : events) {
                    codes.add((String) ev[3]);
                    JsonNode d = ((JsonNode) ev[4]).path("data");
                    owner = d.path("owner").isTextual() ? d.path("owner").asText() : owner;
                    state = d.path("state").isTextual() ? d.path("state").asText() : state;
                    reason = d.path("reason").isTextual() ? d.path("reason").asText() : reason;
                    starts = d.path("starts").isIntegralNumber() ? d.path("starts").asInt() : starts;
                    work = d.path("workUnits").isNumber() ? d.path("workUnits").asDouble() : work;
                    energy = d.path("energyUsedWh").isNumber() ? d.path("energyUsedWh").asDouble() : energy;
                    resultBytes = d.path("resultBytes").isIntegralNumber() ? d.path("resultBytes").asLong() : resultBytes;
                }
                Object[] first = events.get(0);
                out.add(new JobHistory((String) first[0], (String) first[2], owner, state, reason, (Instant) first[1],
                        (Instant) events.get(events.size() - 1)[1], starts, work, energy, resultBytes, results.get(e.getKey()),
                        codes));
            }
            out.sort(Comparator.comparing(JobHistory::first).thenComparing(JobHistory::sat).thenComparing(JobHistory::jobId));
            return out;
        } catch (SQLException | RuntimeException e) {
            throw failure(e, "reading job history");
        }
    }

    @Override
    public List<QuarantinedFrame> quarantined(TimeRange range, int limit) throws StoreException {
        StringBuilder sql = new StringBuilder("SELECT " + timeSelect("rx") + ", topic, sat, kind, reason, detail, payload, props"
                + " FROM quarantine WHERE 1 = 1");
        appendRange(sql, range, "rx");
        sql.append(" ORDER BY rx, id LIMIT ?");
        try (Connection c = reader(); PreparedStatement ps = c.prepareStatement(sql.toString())) {
            int i = bindRange(ps, 1, range);
            ps.setInt(i, limit);
            List<QuarantinedFrame> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    QuarantineReason reason;
                    try {
                        reason = QuarantineReason.valueOf(rs.getString(5));
                    } catch (IllegalArgumentException e) {
                        reason = QuarantineReason.STORE_REJECTED;
                    }
                    out.add(new QuarantinedFrame(readTime(rs, 1), rs.getString(2), rs.getString(3), rs.getString(4), reason,
                            rs.getString(6), rs.getBytes(7), JsonText.map(rs.getString(8))));
                }
            }
            return out;
        } catch (SQLException | RuntimeException e) {
            throw failure(e, "reading quarantine");
        }
    }

    /**
     * Rows per table ({@code hk}, {@code evt}, {@code tc_report}, {@code message}, {@code quarantine})
     * and, under {@code satellite}, the satellites known: exact counts.
     */
    protected static Map<String, Long> rowCounts(Connection c) throws SQLException {
        Map<String, Long> rows = new LinkedHashMap<>();
        try (java.sql.Statement s = c.createStatement()) {
            for (String t : List.of("hk", "evt", "tc_report", "message", "quarantine", "satellite")) {
                try (ResultSet rs = s.executeQuery("SELECT count(*) FROM " + t)) {
                    rs.next();
                    rows.put(t, rs.getLong(1));
                }
            }
        }
        return rows;
    }

    private static Instant instant(JsonNode n) {
        try {
            return n.isTextual() ? Instant.parse(n.asText()) : null;
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }

    private static void appendRange(StringBuilder sql, TimeRange range) {
        appendRange(sql, range, "t");
    }

    private static void appendRange(StringBuilder sql, TimeRange range, String column) {
        if (range.from() != null) {
            sql.append(" AND ").append(column).append(" >= ?");
        }
        if (range.to() != null) {
            sql.append(" AND ").append(column).append(" <= ?");
        }
    }

    private int bindRange(PreparedStatement ps, int i, TimeRange range) throws SQLException {
        if (range.from() != null) {
            bindTime(ps, i++, range.from());
        }
        if (range.to() != null) {
            bindTime(ps, i++, range.to());
        }
        return i;
    }

    private static void appendIn(StringBuilder sql, String column, int n) {
        if (n == 0) {
            return;
        }
        sql.append(" AND ").append(column).append(" IN (").append("?, ".repeat(n - 1)).append("?)");
    }
}
