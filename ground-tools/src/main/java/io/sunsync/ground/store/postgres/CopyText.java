package io.sunsync.ground.store.postgres;

import io.sunsync.ground.archive.ArchiveRecord;
import io.sunsync.ground.store.jdbc.StoreTable;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import org.postgresql.copy.CopyIn;

/**
 * Streams rows to a {@code COPY … FROM STDIN} in PostgreSQL's text format (tab-separated,
 * {@code \N} for NULL, backslash escapes), through a 64 KiB buffer: a batch never becomes one
 * large array (which the JVM's G1 collector would treat as a humongous object, a collection each).
 * Not thread safe; one per copy.
 */
final class CopyText {
    private static final int FLUSH_BYTES = 64 * 1024;
    private final StringBuilder line = new StringBuilder(2048);
    private final byte[] buffer = new byte[FLUSH_BYTES + 8192];
    private int used;

    /** Sends {@code rows} of {@code table} into {@code in} (which the caller ends). */
    static void send(CopyIn in, StoreTable table, List<ArchiveRecord> rows) throws SQLException {
        CopyText text = new CopyText();
        for (ArchiveRecord r : rows) {
            text.row(in, table.values(r));
        }
        text.flush(in);
    }

    private void row(CopyIn in, Object[] values) throws SQLException {
        line.setLength(0);
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                line.append('\t');
            }
            Object v = values[i];
            if (v == null) {
                line.append("\\N");
            } else if (v instanceof Instant t) {
                line.append(t);
            } else if (v instanceof Boolean b) {
                line.append(b ? 't' : 'f');
            } else if (v instanceof String s) {
                escape(s);
            } else {
                line.append(v);
            }
        }
        line.append('\n');
        byte[] bytes = line.toString().getBytes(StandardCharsets.UTF_8);
        if (used + bytes.length > buffer.length) {
            flush(in);
        }
        if (bytes.length > buffer.length) {
            in.writeToCopy(bytes, 0, bytes.length);
            return;
        }
        System.arraycopy(bytes, 0, buffer, used, bytes.length);
        used += bytes.length;
        if (used >= FLUSH_BYTES) {
            flush(in);
        }
    }

    private void flush(CopyIn in) throws SQLException {
        if (used > 0) {
            in.writeToCopy(buffer, 0, used);
            used = 0;
        }
    }

    private void escape(String s) {
        int first = -1;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' || c == '\n' || c == '\r' || c == '\t') {
                first = i;
                break;
            }
        }
        if (first < 0) {
            line.append(s);
            return;
        }
        line.append(s, 0, first);
        for (int i = first; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> line.append("\\\\");
                case '\n' -> line.append("\\n");
                case '\r' -> line.append("\\r");
                case '\t' -> line.append("\\t");
                default -> line.append(c);
            }
        }
    }
}
