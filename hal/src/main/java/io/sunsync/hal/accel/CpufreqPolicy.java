package io.sunsync.hal.accel;

import io.sunsync.hal.sysfs.AttrRead;
import io.sunsync.hal.sysfs.Quantity;
import io.sunsync.hal.sysfs.Sample;
import io.sunsync.hal.sysfs.SysfsTree;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A cpufreq policy ({@code /sys/devices/system/cpu/cpufreq/policyN}), after
 * Documentation/admin-guide/pm/cpufreq.rst: frequencies in kHz ({@code cpuinfo_min_freq},
 * {@code cpuinfo_max_freq}: what the hardware allows; {@code scaling_min_freq},
 * {@code scaling_max_freq}: the limits in force, writable; {@code scaling_cur_freq}), the
 * {@code scaling_governor} and the CPUs it covers ({@code affected_cpus}). Immutable.
 *
 * @param dir       the policy's folder
 * @param cpus      the CPUs it covers
 * @param governor  the scaling governor ({@code ""} when unreadable)
 * @param curKHz    current frequency
 * @param minKHz    lower limit in force
 * @param maxKHz    upper limit in force
 * @param hwMinKHz  lowest frequency the hardware runs at
 * @param hwMaxKHz  highest frequency the hardware runs at
 */
public record CpufreqPolicy(Path dir, List<Integer> cpus, String governor, Sample curKHz, Sample minKHz,
                            Sample maxKHz, Sample hwMinKHz, Sample hwMaxKHz) {
    /** A frequency in kHz. */
    public static final Quantity KHZ = Quantity.plain("freqKHz", "kHz", 0, 1e8);

    /** The folder name, e.g. {@code policy0}. */
    public String name() {
        return dir.getFileName().toString();
    }

    /** True when the upper limit is held at the hardware minimum (the board is parked). */
    public boolean parked() {
        return maxKHz.good() && hwMinKHz.good() && maxKHz.value() <= hwMinKHz.value();
    }

    /** Every policy folder, in natural order. Never throws. */
    public static List<Path> list(SysfsTree tree) {
        return tree.list("devices/system/cpu/cpufreq", n -> n.matches("policy\\d+"));
    }

    /** Reads a policy. Never throws. */
    public static CpufreqPolicy read(SysfsTree tree, Path dir) {
        AttrRead cpus = tree.read(dir, "affected_cpus");
        if (!cpus.ok()) {
            cpus = tree.read(dir, "related_cpus");
        }
        return new CpufreqPolicy(dir, cpuList(cpus.textOr("")), tree.read(dir, "scaling_governor").textOr(""),
                KHZ.parse(tree.read(dir, "scaling_cur_freq")), KHZ.parse(tree.read(dir, "scaling_min_freq")),
                KHZ.parse(tree.read(dir, "scaling_max_freq")), KHZ.parse(tree.read(dir, "cpuinfo_min_freq")),
                KHZ.parse(tree.read(dir, "cpuinfo_max_freq")));
    }

    /** Parses a CPU list as the kernel writes it: {@code "0 1 2 3"} or {@code "0-3,8"}; bad parts are skipped. */
    public static List<Integer> cpuList(String text) {
        List<Integer> out = new ArrayList<>();
        for (String part : text.trim().split("[\\s,]+")) {
            try {
                if (part.matches("\\d{1,5}-\\d{1,5}")) {
                    int dash = part.indexOf('-');
                    int a = Integer.parseInt(part.substring(0, dash));
                    int b = Integer.parseInt(part.substring(dash + 1));
                    for (int c = a; c <= b && out.size() < 65_536; c++) {
                        out.add(c);
                    }
                } else if (part.matches("\\d{1,5}")) {
                    out.add(Integer.parseInt(part));
                }
            } catch (NumberFormatException e) {
                // skipped: not a CPU number
            }
        }
        return out;
    }
}
