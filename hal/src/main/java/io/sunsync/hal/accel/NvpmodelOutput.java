package io.sunsync.hal.accel;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses what NVIDIA's {@code nvpmodel} prints on a Jetson (JetPack 5 and 6), in the forms the
 * jetson-stats project parses ({@code jtop/core/nvpmodel.py}):
 * <ul>
 *   <li>{@code nvpmodel -p --verbose} lists the modes of {@code /etc/nvpmodel.conf}, one line each,
 *       {@code NVPM VERB: POWER_MODEL: ID=2 NAME=15W} (with {@code PARAM} and other lines between,
 *       on stdout or stderr);</li>
 *   <li>{@code nvpmodel -q} prints {@code NV Power Mode: 15W} and the mode's id on the next line
 *       ({@code --verbose} prefixes {@code NVPM VERB: Current mode: }); {@code NVPM WARN:} lines may
 *       come first.</li>
 * </ul>
 * A mode's power budget is the watts in its name when it has them ({@code 15W}, {@code 7W},
 * {@code MODE_15W_6CORE}, {@code 10W_DESKTOP}); {@code MAXN} and other names carry none (the
 * config must give it). Stateless; never throws.
 */
public final class NvpmodelOutput {
    private static final Pattern POWER_MODEL = Pattern.compile("POWER_MODEL:\\s*ID=(\\d{1,4})\\s+NAME=(\\S{1,64})");
    private static final Pattern CURRENT = Pattern.compile("NV Power Mode:\\s*(\\S{1,64})");
    private static final Pattern ID = Pattern.compile("\\d{1,4}");
    private static final Pattern BUDGET = Pattern.compile("(?:^|[^0-9.])(\\d{1,4}(?:\\.\\d{1,2})?)W(?![A-Za-z])");

    private NvpmodelOutput() {
    }

    /**
     * One power mode.
     *
     * @param id      its id ({@code nvpmodel -m ID})
     * @param name    its name, e.g. {@code 15W}, {@code MAXN}
     * @param budgetW the power budget its name gives, in W; NaN when the name gives none
     */
    public record Mode(int id, String name, double budgetW) {
    }

    /**
     * The mode in force.
     *
     * @param id   its id
     * @param name its name
     */
    public record Current(int id, String name) {
    }

    /**
     * The modes a {@code -p --verbose} output lists, in order, each id once; an empty list when
     * there is none (the output was not nvpmodel's, or the conf file could not be parsed).
     */
    public static List<Mode> modes(String text) {
        List<Mode> out = new ArrayList<>();
        if (text == null) {
            return out;
        }
        for (String line : text.split("\r?\n")) {
            Matcher m = POWER_MODEL.matcher(line);
            if (m.find()) {
                int id = Integer.parseInt(m.group(1));
                if (out.stream().noneMatch(x -> x.id() == id)) {
                    out.add(new Mode(id, m.group(2), budgetW(m.group(2))));
                }
            }
        }
        return out;
    }

    /** The mode a {@code -q} output names, or empty when it names none or its id line is missing or not a number. */
    public static Optional<Current> current(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String[] lines = text.split("\r?\n");
        for (int i = 0; i < lines.length; i++) {
            Matcher m = CURRENT.matcher(lines[i]);
            if (!m.find()) {
                continue;
            }
            for (int j = i + 1; j < lines.length; j++) {
                String next = lines[j].strip();
                if (next.isEmpty()) {
                    continue;
                }
                return ID.matcher(next).matches() ? Optional.of(new Current(Integer.parseInt(next), m.group(1)))
                        : Optional.empty();
            }
            return Optional.empty();
        }
        return Optional.empty();
    }

    /** The watts in a mode's name ({@code 15W} → 15, {@code MODE_10W_4CORE} → 10), NaN when it has none. */
    public static double budgetW(String name) {
        Matcher m = BUDGET.matcher(name == null ? "" : name.toUpperCase(Locale.ROOT));
        return m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
    }

    /** True when nvpmodel said a mode change waits for a reboot (it asks on stdin; we answer nothing). */
    public static boolean needsReboot(String text) {
        return text != null && text.toLowerCase(Locale.ROOT).contains("reboot");
    }

    /** True when nvpmodel reported an error ({@code NVPM ERROR: ...}). */
    public static boolean error(String text) {
        return text != null && text.contains("NVPM ERROR");
    }
}
