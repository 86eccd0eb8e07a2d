package io.sunsync.ground.store.postgres;

import io.sunsync.ground.archive.ArchiveRecord;
import io.sunsync.ground.store.jdbc.StoreTable;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.postgresql.copy.CopyIn;

/**
 * Streams rows to a {@code COPY … FROM STDIN (FORMAT binary)}: each value in the server's own
 * binary form (timestamps as microseconds since 2000-01-01, numbers as big-endian integers and
 * IEEE doubles, text as UTF-8, {@code jsonb} as its version byte and the JSON text), so neither
 * side formats or parses numbers and times as text, and a frame's JSON goes as it was received
 * ({@link ArchiveRecord#jsonText()}), with no escaping. The server still parses the JSON into
 * {@code jsonb}: that is what it keeps.
 *
 * <p>Each column's binary form is the column's type in the database ({@link #columns}, read once
 * when the store opens), so a migration that widens a column changes what is sent. A value that
 * does not fit its column (an integer past {@code int4}) fails the copy with SQLSTATE 22003, as
 * PostgreSQL would, so the batch's frames are tried one by one and that one is quarantined.
 *
 * <p>Rows go through a 64 KiB buffer: a batch never becomes one large array (which the JVM's G1
 * collector would treat as a humongous object, a collection each). Not thread safe; one per copy.
 */
final class CopyBinary {
    /** The binary forms this encoder writes. */
    enum Form { TEXT, JSONB, TIMESTAMPTZ, INT8, INT4, INT2, FLOAT8, BOOL }

    private static final byte[] HEADER = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0,
            0, 0, 0, 0, 0, 0, 0, 0};
    /** 2000-01-01T00:00:00Z, PostgreSQL's epoch, in Unix seconds. */
    private static final long PG_EPOCH_S = 946_684_800L;
    private static final int FLUSH_BYTES = 64 * 1024;

    private final byte[] buffer = new byte[FLUSH_BYTES + 8192];
    private int used;

    private CopyBinary() {
    }

    /** The {@code COPY} statement for {@code columns} of {@code relation}. */
    static String sql(String relation, List<String> columns) {
        return "COPY " + relation + " (" + String.join(", ", columns) + ") FROM STDIN (FORMAT binary)";
    }

    /**
     * The binary form of each of {@code table}'s {@link StoreTable#columns()}, from the column
     * types in the database.
     *
     * @throws SQLException if a column is missing or of a type this encoder does not write
     */
    static Form[] columns(Connection c, StoreTable table) throws SQLException {
        Map<String, String> types = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT attname, format_type(atttypid, NULL) FROM pg_attribute"
                + " WHERE attrelid = to_regclass(?) AND attnum > 0 AND NOT attisdropped")) {
            ps.setString(1, table.table());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    types.put(rs.getString(1), rs.getString(2));
                }
            }
        }
        List<String> columns = table.columns();
        Form[] forms = new Form[columns.size()];
        for (int i = 0; i < forms.length; i++) {
            String type = types.get(columns.get(i));
            forms[i] = switch (type == null ? "" : type) {
                case "text" -> Form.TEXT;
                case "jsonb" -> Form.JSONB;
                case "timestamp with time zone" -> Form.TIMESTAMPTZ;
                case "bigint" -> Form.INT8;
                case "integer" -> Form.INT4;
                case "smallint" -> Form.INT2;
                case "double precision" -> Form.FLOAT8;
                case "boolean" -> Form.BOOL;
                default -> throw new SQLException("column " + table.table() + "." + columns.get(i) + " is "
                        + (type == null ? "missing" : "of type " + type + ", which the archive's COPY does not write"),
                        "42804");
            };
        }
        return forms;
    }

    /** Sends {@code rows} of {@code table}, whose columns have {@code forms}, into {@code in} (which the caller ends). */
    static void send(CopyIn in, StoreTable table, Form[] forms, List<ArchiveRecord> rows) throws SQLException {
        CopyBinary out = new CopyBinary();
        System.arraycopy(HEADER, 0, out.buffer, 0, HEADER.length);
        out.used = HEADER.length;
        for (ArchiveRecord r : rows) {
            out.row(in, forms, table.values(r));
        }
        out.room(in, 2);
        out.int16(-1);
        out.flush(in);
    }

    private void row(CopyIn in, Form[] forms, Object[] values) throws SQLException {
        room(in, 2);
        int16(values.length);
        for (int i = 0; i < values.length; i++) {
            Object v = values[i];
            if (v == null) {
                room(in, 4);
                int32(-1);
                continue;
            }
            switch (forms[i]) {
                case TEXT -> bytes(in, ((String) v).getBytes(StandardCharsets.UTF_8), false);
                case JSONB -> bytes(in, ((String) v).getBytes(StandardCharsets.UTF_8), true);
                case TIMESTAMPTZ -> {
                    Instant t = (Instant) v;
                    room(in, 12);
                    int32(8);
                    int64((t.getEpochSecond() - PG_EPOCH_S) * 1_000_000L + t.getNano() / 1000);
                }
                case INT8 -> {
                    room(in, 12);
                    int32(8);
                    int64(((Number) v).longValue());
                }
                case INT4 -> {
                    long l = ((Number) v).longValue();
                    if (l != (int) l) {
                        throw new SQLException(l + " is out of range for integer", "22003");
                    }
                    room(in, 8);
                    int32(4);
                    int32((int) l);
                }
                case INT2 -> {
                    long l = ((Number) v).longValue();
                    if (l != (short) l) {
                        throw new SQLException(l + " is out of range for smallint", "22003");
                    }
                    room(in, 6);
                    int32(2);
                    int16((int) l);
                }
                case FLOAT8 -> {
                    room(in, 12);
                    int32(8);
                    int64(Double.doubleToLongBits(((Number) v).doubleValue()));
                }
                case BOOL -> {
                    room(in, 5);
                    int32(1);
                    buffer[used++] = (byte) ((Boolean) v ? 1 : 0);
                }
                default -> throw new IllegalStateException(forms[i].name());
            }
        }
    }

    /** A length-prefixed value ({@code jsonb}: after its version byte, 1). */
    private void bytes(CopyIn in, byte[] b, boolean jsonb) throws SQLException {
        int length = b.length + (jsonb ? 1 : 0);
        room(in, 5);
        int32(length);
        if (jsonb) {
            buffer[used++] = 1;
        }
        if (b.length > buffer.length - used) {
            flush(in);
            if (b.length > buffer.length) {
                in.writeToCopy(b, 0, b.length);
                return;
            }
        }
        System.arraycopy(b, 0, buffer, used, b.length);
        used += b.length;
    }

    /** Flushes first if fewer than {@code n} bytes are free, or if the buffer is past its flush size. */
    private void room(CopyIn in, int n) throws SQLException {
        if (used >= FLUSH_BYTES || buffer.length - used < n) {
            flush(in);
        }
    }

    private void flush(CopyIn in) throws SQLException {
        if (used > 0) {
            in.writeToCopy(buffer, 0, used);
            used = 0;
        }
    }

    private void int16(int v) {
        buffer[used++] = (byte) (v >>> 8);
        buffer[used++] = (byte) v;
    }

    private void int32(int v) {
        buffer[used++] = (byte) (v >>> 24);
        buffer[used++] = (byte) (v >>> 16);
        buffer[used++] = (byte) (v >>> 8);
        buffer[used++] = (byte) v;
    }

    private void int64(long v) {
        int32((int) (v >>> 32));
        int32((int) v);
    }
}
