package io.sunsync.hal.accel;

import io.sunsync.hal.FaultCode;
import io.sunsync.hal.sysfs.Quantity;
import io.sunsync.hal.sysfs.Sample;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Parses the output of {@code nvidia-smi --query-gpu=FIELDS --format=csv,noheader,nounits}: one
 * line per GPU, fields separated by {@code ", "}, numbers without units, and the tool's
 * placeholders for values it cannot give: {@code [N/A]} (not available now),
 * {@code [Not Supported]} (the board has no such sensor), {@code [Unknown Error]},
 * {@code [Insufficient Permissions]}, {@code [GPU requires reset]}. Throttle reasons are a hex
 * bit mask ({@code 0x0000000000000004}) with the NVML {@code nvmlClocksEventReasons} bits
 * (docs.nvidia.com/deploy/nvml-api/group__nvmlClocksEventReasons.html). Stateless; never
 * throws.
 */
public final class NvidiaSmiCsv {
    /** The queried fields, in order ({@link #REASONS_FIELD} last; older drivers use {@link #LEGACY_REASONS_FIELD}). */
    public static final List<String> FIELDS = List.of("index", "uuid", "name", "power.draw", "power.limit",
            "power.min_limit", "power.max_limit", "temperature.gpu", "utilization.gpu",
            "ecc.errors.uncorrected.volatile.total", "clocks_event_reasons.active");
    /** The throttle-reasons field of drivers from R535 on. */
    public static final String REASONS_FIELD = "clocks_event_reasons.active";
    /** The throttle-reasons field of older drivers. */
    public static final String LEGACY_REASONS_FIELD = "clocks_throttle_reasons.active";

    static final Quantity POWER = Quantity.plain("powerW", "W", 0, 5000);
    static final Quantity LIMIT = Quantity.plain("capW", "W", 0, 5000);
    static final Quantity TEMP = Quantity.plain("tempC", "°C", -60, 200);
    static final Quantity UTIL = Quantity.plain("utilizationPct", "%", 0, 100);
    static final Quantity COUNT = Quantity.plain("eccUncorrected", "", 0, 1e15);
    private static final Pattern HEX = Pattern.compile("0[xX][0-9a-fA-F]{1,16}");

    private NvidiaSmiCsv() {
    }

    /**
     * One field as printed.
     *
     * @param raw    the text
     * @param status what it is
     */
    public record Field(String raw, Status status) {
        /** The field as a sample of {@code q}: placeholders become failed samples with their fault. */
        public Sample sample(Quantity q, String where) {
            return switch (status) {
                case VALUE -> q.parse(raw, where);
                case NOT_AVAILABLE -> Sample.failed(FaultCode.SENSOR_MISSING, where + ": " + q.name() + " is [N/A]");
                case NOT_SUPPORTED -> Sample.failed(FaultCode.SENSOR_MISSING, where + ": " + q.name() + " is [Not Supported]");
                case ERROR -> Sample.failed(FaultCode.SENSOR_IO_ERROR, where + ": " + q.name() + " is " + raw);
            };
        }

        /** True when the tool printed a value (not a placeholder). */
        public boolean present() {
            return status == Status.VALUE;
        }
    }

    /** What a field holds. */
    public enum Status {
        /** A value. */
        VALUE,
        /** {@code [N/A]}. */
        NOT_AVAILABLE,
        /** {@code [Not Supported]}. */
        NOT_SUPPORTED,
        /** Any other bracketed placeholder, e.g. {@code [Unknown Error]}, {@code [GPU requires reset]}. */
        ERROR
    }

    /**
     * One GPU's line.
     *
     * @param index     the GPU index
     * @param uuid      its UUID, e.g. {@code GPU-5c0b...}
     * @param name      its product name
     * @param powerDraw power draw, W
     * @param powerLimit the software power limit in force, W
     * @param minLimit  lowest accepted limit, W
     * @param maxLimit  highest accepted limit, W
     * @param temp      GPU temperature, °C
     * @param util      GPU utilisation, %
     * @param ecc       uncorrected volatile ECC errors
     * @param reasons   clocks event reasons bit mask
     */
    public record Row(int index, String uuid, String name, Field powerDraw, Field powerLimit, Field minLimit,
                      Field maxLimit, Field temp, Field util, Field ecc, Field reasons) {
    }

    /**
     * The parse of a whole output.
     *
     * @param rows     the lines that parsed, by order of appearance
     * @param problems the lines that did not, with why
     */
    public record Parsed(List<Row> rows, List<String> problems) {
    }

    /** Parses a whole output. Never throws. */
    public static Parsed parse(String stdout) {
        List<Row> rows = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        if (stdout == null) {
            return new Parsed(rows, problems);
        }
        int lineNo = 0;
        for (String line : stdout.split("\r?\n", -1)) {
            lineNo++;
            if (line.isBlank()) {
                continue;
            }
            String[] parts = line.split(",", -1);
            int n = FIELDS.size();
            if (parts.length < n) {
                problems.add("line " + lineNo + ": " + parts.length + " fields, expected " + n + ": '" + shorten(line) + "'");
                continue;
            }
            // A product name may contain commas: it is field 2, so the surplus belongs to it.
            int extra = parts.length - n;
            String name = String.join(",", java.util.Arrays.copyOfRange(parts, 2, 3 + extra)).trim();
            String[] f = new String[n];
            f[0] = parts[0].trim();
            f[1] = parts[1].trim();
            f[2] = name;
            for (int i = 3; i < n; i++) {
                f[i] = parts[i + extra].trim();
            }
            if (!f[0].matches("\\d{1,4}")) {
                problems.add("line " + lineNo + ": index '" + shorten(f[0]) + "' is not a GPU index");
                continue;
            }
            rows.add(new Row(Integer.parseInt(f[0]), f[1], f[2], field(f[3]), field(f[4]), field(f[5]), field(f[6]),
                    field(f[7]), field(f[8]), field(f[9]), field(f[10])));
        }
        return new Parsed(rows, problems);
    }

    static Field field(String raw) {
        String t = raw.trim();
        String lower = t.toLowerCase(Locale.ROOT);
        if (lower.equals("[n/a]") || lower.equals("n/a")) {
            return new Field(t, Status.NOT_AVAILABLE);
        }
        if (lower.equals("[not supported]")) {
            return new Field(t, Status.NOT_SUPPORTED);
        }
        if (t.startsWith("[") && t.endsWith("]")) {
            return new Field(t, Status.ERROR);
        }
        return new Field(t, Status.VALUE);
    }

    /**
     * The throttle reasons of a bit mask field.
     *
     * @return the reasons, or null when the field is not a valid mask (a placeholder is an empty set)
     */
    public static Set<ThrottleReason> reasons(Field f) {
        if (!f.present()) {
            return EnumSet.noneOf(ThrottleReason.class);
        }
        if (!HEX.matcher(f.raw()).matches()) {
            return null;
        }
        return ThrottleReason.fromNvmlBits(Long.parseUnsignedLong(f.raw().substring(2), 16));
    }

    static String shorten(String s) {
        String t = s.replaceAll("\\p{Cntrl}", "?");
        return t.length() > 80 ? t.substring(0, 80) + "..." : t;
    }
}
