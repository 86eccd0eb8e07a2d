package io.sunsync.ground.store.jdbc;

import com.fasterxml.jackson.databind.JsonNode;
import io.sunsync.ground.archive.ArchiveRecord;
import io.sunsync.ground.events.Severity;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * The archive's tables of records, the same on every backend, and the one definition of how an
 * {@link ArchiveRecord} becomes a row of one: the key columns (satellite, mission time, stream,
 * sequence number, discriminator), reception time and topic, points extracted for indexing and
 * fleet views, and the whole message as JSON.
 *
 * <ul>
 *   <li>{@link #HK}: housekeeping ({@code tm/hk}); day partitions on PostgreSQL;</li>
 *   <li>{@link #EVT}: events ({@code evt}); day partitions on PostgreSQL;</li>
 *   <li>{@link #TC_REPORT}: command verification reports ({@code tc/ack/…});</li>
 *   <li>{@link #MESSAGE}: everything else (presence, dictionary, result manifests, …), with its kind.</li>
 * </ul>
 * An extracted column holds its point only when the frame has it in the column's JSON type (a
 * finite floating-point number for REAL, an integer for INT, a string for TEXT, a boolean for
 * BOOL), else SQL NULL; so a value read from the column is exactly the frame's
 * ({@link #hkColumn}), and where the column is NULL the frame is asked. The message column keeps
 * everything as it came (the ICD's {@code "NaN"} too). Stateless.
 */
public enum StoreTable {
    /** Housekeeping frames. */
    HK("hk", List.of("sat", "t", "stream", "seq", "dk", "rx", "topic", "frame_seq", "mode", "soc_pct", "budget_w",
            "boards_on", "boards_enabled", "array_w", "board_power_w", "max_temp_c", "sunlit", "msg")),
    /** Events. */
    EVT("evt", List.of("sat", "t", "stream", "seq", "dk", "rx", "topic", "severity", "severity_rank", "source", "code",
            "job_id", "message", "msg")),
    /** Command verification reports. */
    TC_REPORT("tc_report", List.of("sat", "t", "stream", "seq", "dk", "rx", "topic", "cmd_seq", "name", "stage", "reason",
            "origin_kind", "origin_id", "duplicate", "msg")),
    /** Every other kind of message. */
    MESSAGE("message", List.of("sat", "t", "stream", "seq", "dk", "rx", "topic", "kind", "msg"));

    /** The column types a backend binds: each value of {@link #values} is one of these Java types. */
    public enum Type { TEXT, TIME, INT, REAL, BOOL, JSON }

    private final String table;
    private final List<String> columns;

    StoreTable(String table, List<String> columns) {
        this.table = table;
        this.columns = columns;
    }

    /** The table's name. */
    public String table() {
        return table;
    }

    /** The columns {@link #values} fills, in order. */
    public List<String> columns() {
        return columns;
    }

    /** The type of column {@code i}. */
    public Type type(int i) {
        return switch (columns.get(i)) {
            case "t", "rx" -> Type.TIME;
            case "seq", "frame_seq", "boards_on", "boards_enabled", "severity_rank", "cmd_seq" -> Type.INT;
            case "soc_pct", "budget_w", "array_w", "board_power_w", "max_temp_c" -> Type.REAL;
            case "sunlit", "duplicate" -> Type.BOOL;
            case "msg" -> Type.JSON;
            default -> Type.TEXT;
        };
    }

    /** The archive kind of this table's records ({@code null} for {@link #MESSAGE}: its rows carry their kind). */
    public String kind() {
        return switch (this) {
            case HK -> "hk";
            case EVT -> "evt";
            case TC_REPORT -> "tc-ack";
            case MESSAGE -> null;
        };
    }

    /** The table that holds records of {@code kind}. */
    public static StoreTable of(String kind) {
        return switch (kind) {
            case "hk" -> HK;
            case "evt" -> EVT;
            case "tc-ack" -> TC_REPORT;
            default -> MESSAGE;
        };
    }

    /** True for the tables partitioned by mission day on PostgreSQL. */
    public boolean partitioned() {
        return this == HK || this == EVT;
    }

    /** The mission time a record is filed under: its {@code t}, else its reception time; microseconds. */
    public static Instant time(ArchiveRecord r) {
        return r.when().truncatedTo(ChronoUnit.MICROS);
    }

    /**
     * The row of {@code r} in this table, one value per {@link #columns()} entry: String (TEXT,
     * JSON), Instant (TIME), Long (INT), Double (REAL), Boolean (BOOL), or null.
     */
    public Object[] values(ArchiveRecord r) {
        JsonNode m = r.msg();
        Object[] v = new Object[columns.size()];
        v[0] = r.sat();
        v[1] = time(r);
        v[2] = r.key().stream();
        v[3] = r.key().seq();
        v[4] = r.key().discriminator();
        v[5] = r.rx().truncatedTo(ChronoUnit.MICROS);
        v[6] = r.topic();
        switch (this) {
            case HK -> {
                v[7] = integer(m.path("seq"));
                v[8] = text(m.path("mode"));
                v[9] = real(m.path("power").path("socPct"));
                v[10] = real(m.path("control").path("budgetW"));
                v[11] = integer(m.path("control").path("boardsOn"));
                v[12] = integer(m.path("boards").path("enabled"));
                v[13] = real(m.path("power").path("arrayW"));
                v[14] = real(m.path("boards").path("powerW"));
                v[15] = real(m.path("thermal").path("maxZoneC"));
                v[16] = m.path("power").path("sunlit").isBoolean() ? m.path("power").path("sunlit").asBoolean() : null;
                v[17] = r.jsonText();
            }
            case EVT -> {
                String sev = text(m.path("severity"));
                v[7] = sev;
                v[8] = (long) severityRank(sev);
                v[9] = text(m.path("source"));
                v[10] = text(m.path("code"));
                JsonNode job = m.path("data").path("jobId");
                v[11] = job.isTextual() ? job.asText() : null;
                v[12] = text(m.path("message"));
                v[13] = r.jsonText();
            }
            case TC_REPORT -> {
                v[7] = integer(m.path("seq"));
                v[8] = text(m.path("name"));
                v[9] = text(m.path("stage"));
                v[10] = text(m.path("reason"));
                v[11] = text(m.path("origin").path("kind"));
                v[12] = text(m.path("origin").path("id"));
                v[13] = m.path("duplicate").asBoolean(false);
                v[14] = r.jsonText();
            }
            case MESSAGE -> {
                v[7] = r.kind();
                v[8] = r.jsonText();
            }
            default -> throw new IllegalStateException(name());
        }
        return v;
    }

    /**
     * A housekeeping point kept in its own column of {@link #HK}.
     *
     * @param column the column
     * @param type   its type
     */
    public record Column(String column, Type type) {
    }

    private static final java.util.Map<String, Column> HK_POINTS = java.util.Map.of(
            "seq", new Column("frame_seq", Type.INT), "mode", new Column("mode", Type.TEXT),
            "power.socPct", new Column("soc_pct", Type.REAL), "control.budgetW", new Column("budget_w", Type.REAL),
            "control.boardsOn", new Column("boards_on", Type.INT), "boards.enabled", new Column("boards_enabled", Type.INT),
            "power.arrayW", new Column("array_w", Type.REAL), "boards.powerW", new Column("board_power_w", Type.REAL),
            "thermal.maxZoneC", new Column("max_temp_c", Type.REAL), "power.sunlit", new Column("sunlit", Type.BOOL));

    /** The column of {@link #HK} that holds housekeeping point {@code path}, or null if it has none. */
    public static Column hkColumn(String path) {
        return HK_POINTS.get(path);
    }

    /** The rank of a severity name (INFO 0 … HIGH 3; unknown -1). */
    public static int severityRank(String severity) {
        if (severity == null) {
            return -1;
        }
        try {
            return Severity.valueOf(severity).ordinal();
        } catch (IllegalArgumentException e) {
            return -1;
        }
    }

    private static String text(JsonNode n) {
        return n.isTextual() ? n.asText() : null;
    }

    private static Long integer(JsonNode n) {
        return n.isIntegralNumber() && n.canConvertToLong() ? n.asLong() : null;
    }

    private static Double real(JsonNode n) {
        if (!n.isDouble()) {
            return null;
        }
        double d = n.asDouble();
        return Double.isFinite(d) ? d : null;
    }
}
