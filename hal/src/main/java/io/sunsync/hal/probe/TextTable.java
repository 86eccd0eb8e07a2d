package io.sunsync.hal.probe;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A plain-text table with left-aligned columns, for the probe's terminal output. Used by one thread. */
final class TextTable {
    private final List<String[]> rows = new ArrayList<>();

    TextTable(String... header) {
        rows.add(header);
    }

    TextTable row(Object... cells) {
        String[] r = new String[cells.length];
        for (int i = 0; i < cells.length; i++) {
            r[i] = cells[i] == null ? "-" : cells[i].toString();
        }
        rows.add(r);
        return this;
    }

    /** The table, each line indented by {@code indent} spaces. */
    String render(int indent) {
        int cols = rows.stream().mapToInt(r -> r.length).max().orElse(0);
        int[] width = new int[cols];
        for (String[] r : rows) {
            for (int i = 0; i < r.length; i++) {
                width[i] = Math.max(width[i], r[i].codePointCount(0, r[i].length()));
            }
        }
        StringBuilder sb = new StringBuilder();
        for (String[] r : rows) {
            StringBuilder line = new StringBuilder(" ".repeat(indent));
            for (int i = 0; i < r.length; i++) {
                line.append(r[i]);
                if (i < r.length - 1) {
                    line.append(" ".repeat(width[i] - r[i].codePointCount(0, r[i].length()) + 2));
                }
            }
            sb.append(line.toString().stripTrailing()).append('\n');
        }
        return sb.toString();
    }

    /** A value for a cell: the number with its unit, {@code -} when absent, {@code !CODE} when the read failed. */
    static String cell(ProbeReport.Value v) {
        if (v == null) {
            return "-";
        }
        if (v.error() != null) {
            String code = v.error().contains(":") ? v.error().substring(0, v.error().indexOf(':')) : v.error();
            if (code.equals("SENSOR_MISSING") || v.error().equals("not measured")) {
                return "-";
            }
            return v.value() == null ? "!" + code : number(v.value(), v.unit()) + " !" + code;
        }
        return number(v.value(), v.unit());
    }

    static String number(double x, String unit) {
        String n;
        if (x == Math.rint(x) && Math.abs(x) < 1e12) {
            n = Long.toString((long) x);
        } else if (Math.abs(x) >= 100) {
            n = String.format(Locale.ROOT, "%.1f", x);
        } else if (Math.abs(x) >= 1) {
            n = String.format(Locale.ROOT, "%.2f", x);
        } else {
            n = String.format(Locale.ROOT, "%.3f", x);
        }
        return unit == null || unit.isEmpty() ? n : n + " " + unit;
    }
}
