package io.sunsync.hal.sysfs;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One hwmon chip ({@code /sys/class/hwmon/hwmonX}), known by its {@code name} attribute and its
 * position among chips of the same name ({@code hwmonX} numbers change between boots, names do
 * not). Attribute names and units follow Documentation/ABI/testing/sysfs-class-hwmon: {@code inN_input}
 * mV, {@code currN_input} mA, {@code powerN_input}/{@code powerN_average} µW, {@code energyN_input}
 * µJ, {@code tempN_input} m°C, {@code fanN_input} RPM, {@code pwmN} 0..255, {@code *_label} text.
 * Immutable.
 *
 * @param dir      the chip's folder
 * @param name     the chip's {@code name} (e.g. {@code coretemp}, {@code ina3221}); the folder name when unreadable
 * @param instance 0 for the first chip with this name (natural order of folders), 1 for the next...
 */
public record HwmonChip(Path dir, String name, int instance) {
    private static final Pattern CHANNEL = Pattern.compile("(in|curr|power|energy|temp|fan|humidity)(\\d+)_(input|average)|pwm(\\d+)");
    private static final Pattern LABEL = Pattern.compile("([a-z]+\\d+)_label");

    /** Every hwmon chip under {@code tree}, in natural folder order. Never throws. */
    public static List<HwmonChip> list(SysfsTree tree) {
        List<HwmonChip> chips = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (Path dir : tree.list("class/hwmon", n -> n.startsWith("hwmon"))) {
            AttrRead name = tree.read(dir, "name");
            String n = name.ok() && !name.text().isEmpty() ? name.text() : dir.getFileName().toString();
            int instance = seen.merge(n, 1, Integer::sum) - 1;
            chips.add(new HwmonChip(dir, n, instance));
        }
        return chips;
    }

    /** The chip named {@code name}, {@code instance}-th of that name. */
    public static Optional<HwmonChip> find(SysfsTree tree, String name, int instance) {
        return list(tree).stream().filter(c -> c.name().equals(name) && c.instance() == instance).findFirst();
    }

    /** The chip as a reference would name it: {@code name} or {@code name#instance}. */
    public String refName() {
        return instance == 0 ? name : name + "#" + instance;
    }

    /**
     * The sensor and control channels the chip offers ({@code *_input}, {@code *_average},
     * {@code pwmN}), in natural order, with their labels where the driver gives one. Never throws.
     */
    public List<Channel> channels(SysfsTree tree) {
        List<Channel> out = new ArrayList<>();
        for (Path file : tree.list(dir, n -> CHANNEL.matcher(n).matches())) {
            String attr = file.getFileName().toString();
            String prefix = prefix(attr);
            AttrRead label = tree.read(dir, prefix + "_label");
            out.add(new Channel(attr, label.ok() ? label.text() : "", quantityOf(attr)));
        }
        return out;
    }

    /** The {@code *_input} attribute whose {@code *_label} reads {@code label}, if any. Never throws. */
    public Optional<String> inputForLabel(SysfsTree tree, String label) {
        for (Path file : tree.list(dir, n -> LABEL.matcher(n).matches())) {
            AttrRead text = tree.read(file);
            if (text.ok() && text.text().equals(label)) {
                Matcher m = LABEL.matcher(file.getFileName().toString());
                if (m.matches()) {
                    return Optional.of(m.group(1) + "_input");
                }
            }
        }
        return Optional.empty();
    }

    /** The channel prefix of an attribute: {@code temp1} for {@code temp1_input}, {@code pwm2} for {@code pwm2}. */
    static String prefix(String attr) {
        int u = attr.indexOf('_');
        return u < 0 ? attr : attr.substring(0, u);
    }

    /**
     * The quantity an hwmon attribute carries, converted to the records' units, with generous
     * physical bounds; a plain number for attributes outside the documented families.
     */
    public static Quantity quantityOf(String attr) {
        String p = prefix(attr).replaceAll("\\d+$", "");
        return switch (p) {
            case "in" -> Quantity.millivolts(attr, -2000, 2000);
            case "curr" -> Quantity.milliamps(attr, -5000, 5000);
            case "power" -> Quantity.microwatts(attr, -1e6, 1e6);
            case "energy" -> new Quantity(attr, "J", 1e-6, 0, 1e15);
            case "temp" -> Quantity.millidegrees(attr, -200, 300);
            case "fan" -> Quantity.plain(attr, "rpm", 0, 100_000);
            case "pwm" -> Quantity.plain(attr, "/255", 0, 255);
            case "humidity" -> new Quantity(attr, "%", 1e-3, 0, 100);
            default -> Quantity.plain(attr, "", -1e18, 1e18);
        };
    }

    /**
     * One channel of a chip.
     *
     * @param attr     the attribute file, e.g. {@code temp1_input}
     * @param label    its {@code *_label}, or {@code ""}
     * @param quantity its unit and bounds
     */
    public record Channel(String attr, String label, Quantity quantity) {
    }
}
