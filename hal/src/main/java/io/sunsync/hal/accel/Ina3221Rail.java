package io.sunsync.hal.accel;

import io.sunsync.hal.sysfs.AttrRead;
import io.sunsync.hal.sysfs.HwmonChip;
import io.sunsync.hal.sysfs.Quantity;
import io.sunsync.hal.sysfs.Sample;
import io.sunsync.hal.sysfs.SysfsTree;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One power rail measured by a TI INA3221 on a Jetson (JetPack 5 and 6: the kernel's {@code ina3221}
 * hwmon driver, Documentation/hwmon/ina3221.rst): {@code inN_label} names the rail (e.g.
 * {@code VDD_IN}), {@code inN_input} is its bus voltage in mV, {@code currN_input} its current in
 * mA, {@code currN_max_alarm}/{@code currN_crit_alarm} say it passed its warning/critical current
 * for channels 1 to 3. Rails are found by label, as jetson-stats does ({@code jtop/core/power.py}):
 * channels labelled {@code NC} (not connected, e.g. on AGX Orin's second monitor) and the sum
 * channel ({@code in7}, "sum of shunt voltages") are skipped. Immutable; thread safe.
 *
 * @param label   the rail's name, e.g. {@code VDD_IN}, {@code VDD_CPU_GPU_CV}, {@code VDD_SOC}
 * @param chip    the hwmon folder of its INA3221
 * @param channel its channel, 1 to 3
 * @param ref     how a config names the chip ({@code ina3221} or {@code ina3221#1})
 */
public record Ina3221Rail(String label, Path chip, int channel, String ref) {
    private static final Pattern LABEL = Pattern.compile("in([1-3])_label");
    private static final Quantity VOLTS = Quantity.millivolts("railV", 0, 60);
    private static final Quantity AMPS = Quantity.milliamps("railA", 0, 200);

    /** Every labelled rail of every INA3221 under {@code tree}, in chip then channel order. Never throws. */
    public static List<Ina3221Rail> discover(SysfsTree tree) {
        List<Ina3221Rail> out = new ArrayList<>();
        for (HwmonChip chip : HwmonChip.list(tree)) {
            if (!chip.name().startsWith("ina3221")) {
                continue;
            }
            for (Path file : tree.list(chip.dir(), n -> LABEL.matcher(n).matches())) {
                Matcher m = LABEL.matcher(file.getFileName().toString());
                AttrRead label = tree.read(file);
                if (!m.matches() || !label.ok()) {
                    continue;
                }
                String name = label.text().strip();
                if (name.isEmpty() || name.equalsIgnoreCase("NC") || name.toLowerCase(Locale.ROOT).startsWith("sum of")) {
                    continue;
                }
                out.add(new Ina3221Rail(name, chip.dir(), Integer.parseInt(m.group(1)), chip.refName()));
            }
        }
        return out;
    }

    /** The rail's power now (bus voltage × current), in W, or the fault of whichever read failed. */
    public Sample powerW(SysfsTree tree) {
        String where = ref + " " + label;
        Sample v = VOLTS.parse(tree.read(chip, "in" + channel + "_input"));
        Sample a = AMPS.parse(tree.read(chip, "curr" + channel + "_input"));
        if (!v.usable()) {
            return Sample.failed(v.fault(), where + ": voltage: " + v.detail());
        }
        if (!a.usable()) {
            return Sample.failed(a.fault(), where + ": current: " + a.detail());
        }
        Sample p = Quantity.plain("powerW", "W", 0, 2000).check(v.value() * a.value(), where);
        return v.good() && a.good() ? p : new Sample(p.value(), v.good() ? a.quality() : v.quality(),
                v.good() ? a.fault() : v.fault(), v.good() ? a.detail() : v.detail());
    }

    /**
     * The rail's over-current alarm: {@code "critical"}, {@code "warning"} or {@code ""} (none, or
     * the driver has no alarm files). Never throws.
     */
    public String alarm(SysfsTree tree) {
        if ("1".equals(tree.read(chip, "curr" + channel + "_crit_alarm").textOr(""))) {
            return "critical";
        }
        if ("1".equals(tree.read(chip, "curr" + channel + "_max_alarm").textOr(""))) {
            return "warning";
        }
        return "";
    }
}
