package io.sunsync.ground.store.postgres;

import io.sunsync.ground.store.jdbc.StoreTable;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * Rows in PostgreSQL's COPY text format (tab-separated, {@code \N} for NULL, backslash escapes),
 * built up in memory for one {@code COPY … FROM STDIN}. Not thread safe; one per batch.
 */
final class CopyText {
    private final StringBuilder sb = new StringBuilder(64 * 1024);
    private int rows;

    /** Appends one row of {@code table}'s {@link StoreTable#values}. */
    void row(StoreTable table, Object[] values) {
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                sb.append('\t');
            }
            Object v = values[i];
            if (v == null) {
                sb.append("\\N");
            } else if (v instanceof Instant t) {
                sb.append(t);
            } else if (v instanceof Boolean b) {
                sb.append(b ? 't' : 'f');
            } else if (v instanceof String s) {
                escape(s);
            } else {
                sb.append(v);
            }
        }
        sb.append('\n');
        rows++;
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
            sb.append(s);
            return;
        }
        sb.append(s, 0, first);
        for (int i = first; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> sb.append(c);
            }
        }
    }

    /** Rows so far. */
    int rows() {
        return rows;
    }

    /** The text as UTF-8. */
    byte[] bytes() {
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }
}
