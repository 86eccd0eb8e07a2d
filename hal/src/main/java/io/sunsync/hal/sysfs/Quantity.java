package io.sunsync.hal.sysfs;

import io.sunsync.hal.FaultCode;
import io.sunsync.hal.Quality;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A physical quantity as a kernel attribute carries it: the kernel's unit, the factor to the
 * records' unit, and the physical bounds of the value. {@link #parse(AttrRead)} turns an
 * attribute's text into a {@link Sample}, flagging every bad value with a {@link FaultCode}.
 * Immutable and thread safe.
 *
 * @param name  the quantity's name in faults, e.g. {@code batteryVoltageV}
 * @param unit  the records' unit, for operators (e.g. {@code V})
 * @param scale multiply the kernel's integer by this to get the records' unit (1e-6 for µV → V)
 * @param min   lowest physically plausible value, in the records' unit
 * @param max   highest physically plausible value, in the records' unit
 */
public record Quantity(String name, String unit, double scale, double min, double max) {
    private static final Pattern NUMBER = Pattern.compile("[-+]?\\d{1,30}(\\.\\d{1,30})?([eE][-+]?\\d{1,4})?");
    private static final Pattern NOT_A_NUMBER = Pattern.compile("(?i)[-+]?(nan|inf|infinity)");
    private static final int SHOWN_CHARS = 40;

    public Quantity {
        if (!(scale != 0 && Double.isFinite(scale)) || !(min <= max)) {
            throw new IllegalArgumentException(name + ": need a finite non-zero scale and min <= max");
        }
    }

    /** Voltage from µV (power_supply {@code voltage_now}) to V. */
    public static Quantity microvolts(String name, double minV, double maxV) {
        return new Quantity(name, "V", 1e-6, minV, maxV);
    }

    /** Voltage from mV (hwmon {@code inN_input}) to V. */
    public static Quantity millivolts(String name, double minV, double maxV) {
        return new Quantity(name, "V", 1e-3, minV, maxV);
    }

    /** Current from µA (power_supply {@code current_now}) to A. */
    public static Quantity microamps(String name, double minA, double maxA) {
        return new Quantity(name, "A", 1e-6, minA, maxA);
    }

    /** Current from mA (hwmon {@code currN_input}) to A. */
    public static Quantity milliamps(String name, double minA, double maxA) {
        return new Quantity(name, "A", 1e-3, minA, maxA);
    }

    /** Power from µW (power_supply {@code power_now}, hwmon {@code powerN_input}, powercap limits) to W. */
    public static Quantity microwatts(String name, double minW, double maxW) {
        return new Quantity(name, "W", 1e-6, minW, maxW);
    }

    /** Power from mW (NVML {@code nvmlDeviceGetPowerUsage}, power limits) to W. */
    public static Quantity milliwatts(String name, double minW, double maxW) {
        return new Quantity(name, "W", 1e-3, minW, maxW);
    }

    /** Energy from µWh (power_supply {@code energy_now}) to Wh. */
    public static Quantity microwattHours(String name, double minWh, double maxWh) {
        return new Quantity(name, "Wh", 1e-6, minWh, maxWh);
    }

    /** Charge from µAh (power_supply {@code charge_now}) to Ah. */
    public static Quantity microampHours(String name, double minAh, double maxAh) {
        return new Quantity(name, "Ah", 1e-6, minAh, maxAh);
    }

    /** Temperature from m°C (thermal zone {@code temp}, hwmon {@code tempN_input}) to °C. */
    public static Quantity millidegrees(String name, double minC, double maxC) {
        return new Quantity(name, "°C", 1e-3, minC, maxC);
    }

    /** A quantity the kernel already gives in the records' unit (%, RPM, states, kHz kept as is). */
    public static Quantity plain(String name, String unit, double min, double max) {
        return new Quantity(name, unit, 1.0, min, max);
    }

    /** Parses an attribute read; a failed read is a failed sample carrying the read's fault. Never throws. */
    public Sample parse(AttrRead read) {
        if (!read.ok()) {
            return Sample.failed(read);
        }
        return parse(read.text(), read.path().toString());
    }

    /**
     * Parses the text of an attribute. Never throws.
     *
     * @param text  the attribute's text (may be anything)
     * @param where where it came from, for the fault detail
     */
    public Sample parse(String text, String where) {
        if (text == null) {
            return Sample.failed(FaultCode.SENSOR_UNPARSABLE, where + ": no value");
        }
        String t = text.trim();
        if (NOT_A_NUMBER.matcher(t).matches()) {
            return Sample.failed(FaultCode.SENSOR_NAN, where + ": " + name + " is '" + t + "'");
        }
        if (!NUMBER.matcher(t).matches()) {
            return Sample.failed(FaultCode.SENSOR_UNPARSABLE, where + ": " + name + ": '" + shown(t) + "' is not a number");
        }
        double raw;
        try {
            raw = Double.parseDouble(t);
        } catch (NumberFormatException e) {
            return Sample.failed(FaultCode.SENSOR_UNPARSABLE, where + ": " + name + ": '" + shown(t) + "' is not a number");
        }
        return check(raw * scale, where);
    }

    /** Checks a value already in the records' unit (e.g. one computed from two attributes). Never throws. */
    public Sample check(double value, String where) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return Sample.failed(FaultCode.SENSOR_NAN, where + ": " + name + " is " + value);
        }
        if (value < min || value > max) {
            return new Sample(value, Quality.OUT_OF_RANGE, FaultCode.SENSOR_OUT_OF_RANGE,
                    String.format(Locale.ROOT, "%s: %s = %s %s is outside [%s, %s]", where, name, fmt(value), unit,
                            fmt(min), fmt(max)));
        }
        return Sample.good(value);
    }

    private static String fmt(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : String.format(Locale.ROOT, "%.6g", v);
    }

    private static String shown(String t) {
        StringBuilder sb = new StringBuilder();
        t.codePoints().limit(SHOWN_CHARS).forEach(c -> sb.appendCodePoint(Character.isISOControl(c) ? '?' : c));
        return t.codePointCount(0, t.length()) > SHOWN_CHARS ? sb + "..." : sb.toString();
    }
}
