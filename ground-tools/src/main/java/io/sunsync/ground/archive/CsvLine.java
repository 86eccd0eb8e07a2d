package io.sunsync.ground.archive;

import java.util.ArrayList;
import java.util.List;

/**
 * One CSV line (RFC 4180 quoting), kept to one physical line: a line break inside a value is
 * written as {@code \\n}. Stateless.
 */
public final class CsvLine {
    private CsvLine() {
    }

    /** One CSV line (RFC 4180 quoting) of {@code values}. */
    public static String format(List<String> values) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            String v = values.get(i);
            if (v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0) {
                sb.append('"').append(v.replace("\"", "\"\"").replace("\n", "\\n").replace("\r", "\\r")).append('"');
            } else {
                sb.append(v);
            }
        }
        return sb.toString();
    }

    /** Splits one CSV line written by {@link #format}. */
    public static List<String> parse(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cur.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cur.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        out.add(cur.toString());
        return out;
    }
}
