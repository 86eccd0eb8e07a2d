package io.sunsync.ground.telemetry;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;

/** Formats telemetry values for people: integers as such, other numbers with 1 to 3 decimals. Stateless. */
public final class ValueFormat {
    private ValueFormat() {
    }

    /** The value without its unit; {@code -} when missing. */
    public static String format(JsonNode v) {
        if (v == null || v.isMissingNode() || v.isNull()) {
            return "-";
        }
        if (v.isIntegralNumber()) {
            return v.asText();
        }
        if (v.isNumber()) {
            return number(v.asDouble());
        }
        return v.asText();
    }

    /** A double with as many decimals as its size deserves. */
    public static String number(double d) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            return Double.toString(d);
        }
        double a = Math.abs(d);
        if (d == Math.rint(d) && a < 1e15) {
            return String.format(Locale.ROOT, "%.1f", d);
        }
        return String.format(Locale.ROOT, a >= 100 ? "%.1f" : a >= 1 ? "%.2f" : "%.3f", d);
    }

    /** The value with its unit, e.g. {@code 81.70 %}. */
    public static String withUnit(JsonNode v, String unit) {
        String s = format(v);
        return unit == null || unit.isEmpty() || s.equals("-") ? s : s + " " + unit;
    }
}
