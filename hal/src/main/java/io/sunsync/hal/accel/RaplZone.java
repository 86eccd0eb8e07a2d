package io.sunsync.hal.accel;

import io.sunsync.hal.sysfs.AttrRead;
import io.sunsync.hal.sysfs.Quantity;
import io.sunsync.hal.sysfs.Sample;
import io.sunsync.hal.sysfs.SysfsTree;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * RAPL power-capping zones ({@code /sys/class/powercap/intel-rapl:N}, sub-zones
 * {@code intel-rapl:N:M}; AMD processors use the same driver names), after
 * Documentation/power/powercap/powercap.rst: {@code name} (e.g. {@code package-0}, {@code core},
 * {@code dram}), {@code energy_uj} (a counter in µJ that wraps to 0 after
 * {@code max_energy_range_uj}; readable by root only since Linux 5.10, CVE-2020-8694),
 * {@code enabled}, and per constraint N: {@code constraint_N_name} ({@code long_term},
 * {@code short_term}, {@code peak_power}), {@code constraint_N_power_limit_uw},
 * {@code constraint_N_time_window_us}, {@code constraint_N_max_power_uw}. Stateless; thread safe.
 */
public final class RaplZone {
    /** An energy counter value in µJ. */
    public static final Quantity ENERGY_UJ = Quantity.plain("energy_uj", "µJ", 0, 1.8e19);
    /** A power limit, µW to W. */
    public static final Quantity LIMIT = Quantity.microwatts("powerLimitW", 0, 1e6);
    private static final Pattern ZONE = Pattern.compile("intel-rapl(-mmio)?:\\d+(:\\d+)*");
    private static final Pattern TOP = Pattern.compile("intel-rapl(-mmio)?:(\\d+)");
    private static final Pattern CONSTRAINT = Pattern.compile("constraint_(\\d+)_power_limit_uw");

    private RaplZone() {
    }

    /**
     * One constraint (power limit) of a zone.
     *
     * @param index       the N of {@code constraint_N_*}
     * @param name        {@code long_term}, {@code short_term}, {@code peak_power}... ({@code ""} when absent)
     * @param limitW      the power limit, in W
     * @param windowS     the averaging window, in s (failed sample when absent)
     * @param maxPowerW   the highest limit the zone accepts, in W (failed sample when absent)
     */
    public record Constraint(int index, String name, Sample limitW, Sample windowS, Sample maxPowerW) {
    }

    /**
     * A zone as read now.
     *
     * @param dir              its folder
     * @param name             its {@code name}, e.g. {@code package-0}
     * @param enabled          {@code enabled} (limits enforced), null when absent or unreadable
     * @param energyUj         the energy counter, in µJ
     * @param maxEnergyRangeUj where the counter wraps, in µJ
     * @param constraints      the power limits
     */
    public record Snapshot(Path dir, String name, Boolean enabled, Sample energyUj, Sample maxEnergyRangeUj,
                           List<Constraint> constraints) {
        /** The folder name, e.g. {@code intel-rapl:0}. */
        public String zone() {
            return dir.getFileName().toString();
        }

        /** The constraint called {@code name}, else the one with index {@code fallback}, if any. */
        public java.util.Optional<Constraint> constraint(String name, int fallback) {
            return constraints.stream().filter(c -> c.name().equals(name)).findFirst()
                    .or(() -> constraints.stream().filter(c -> c.index() == fallback).findFirst());
        }
    }

    /** Every RAPL zone folder (top-level and sub-zones), in natural order. Never throws. */
    public static List<Path> all(SysfsTree tree) {
        return tree.list("class/powercap", n -> ZONE.matcher(n).matches());
    }

    /** The top-level zones only ({@code intel-rapl:N}: CPU packages, and {@code psys} where present). Never throws. */
    public static List<Path> topLevel(SysfsTree tree) {
        return tree.list("class/powercap", n -> TOP.matcher(n).matches());
    }

    /** The N of {@code intel-rapl:N}, or -1. */
    public static int zoneIndex(String zone) {
        Matcher m = TOP.matcher(zone);
        return m.matches() ? Integer.parseInt(m.group(2)) : -1;
    }

    /** Reads a zone. Never throws. */
    public static Snapshot read(SysfsTree tree, Path dir) {
        String name = tree.read(dir, "name").textOr("");
        AttrRead en = tree.read(dir, "enabled");
        Boolean enabled = en.ok() && en.text().matches("[01]") ? en.text().equals("1") : null;
        List<Constraint> constraints = new ArrayList<>();
        for (Path file : tree.list(dir, n -> CONSTRAINT.matcher(n).matches())) {
            Matcher m = CONSTRAINT.matcher(file.getFileName().toString());
            if (!m.matches()) {
                continue;
            }
            int n = Integer.parseInt(m.group(1));
            String p = "constraint_" + n + "_";
            constraints.add(new Constraint(n, tree.read(dir, p + "name").textOr(""), LIMIT.parse(tree.read(file)),
                    new Quantity("timeWindowS", "s", 1e-6, 0, 1e6).parse(tree.read(dir, p + "time_window_us")),
                    Quantity.microwatts("maxPowerW", 0, 1e6).parse(tree.read(dir, p + "max_power_uw"))));
        }
        return new Snapshot(dir, name, enabled, ENERGY_UJ.parse(tree.read(dir, "energy_uj")),
                ENERGY_UJ.parse(tree.read(dir, "max_energy_range_uj")), constraints);
    }
}
