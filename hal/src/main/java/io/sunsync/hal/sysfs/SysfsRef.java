package io.sunsync.hal.sysfs;

import io.sunsync.hal.config.ConfigException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A reference to a sensor or actuator in a config file, resolved against a {@link SysfsTree}
 * by stable names rather than by the {@code hwmonX}/{@code thermal_zoneX} numbers that change
 * between boots. Immutable.
 *
 * <table>
 * <caption>Reference forms</caption>
 * <tr><th>form</th><th>resolves to</th></tr>
 * <tr><td>{@code hwmon:CHIP/ATTR}, {@code hwmon:CHIP#N/ATTR}</td><td>attribute {@code ATTR}
 *   (e.g. {@code in1_input}, {@code pwm2}) of the hwmon chip whose {@code name} is {@code CHIP}
 *   ({@code #N}: the N-th such chip, from 0); {@code ATTR} may also be a label
 *   ({@code hwmon:coretemp/Package id 0}), meaning the {@code *_input} whose {@code *_label} reads it</td></tr>
 * <tr><td>{@code supply:NAME}, {@code supply:NAME/ATTR}</td><td>the power supply folder
 *   {@code class/power_supply/NAME}, or one of its attributes</td></tr>
 * <tr><td>{@code zone:TYPE}, {@code zone:thermal_zoneN}</td><td>the {@code temp} attribute of the
 *   thermal zone whose {@code type} is {@code TYPE} (first of that type), or of that folder</td></tr>
 * <tr><td>{@code cooling:TYPE}, {@code cooling:cooling_deviceN}</td><td>the cooling device folder</td></tr>
 * <tr><td>{@code path:REL}</td><td>{@code REL} under the tree's root (no {@code ..})</td></tr>
 * </table>
 *
 * @param kind   the form
 * @param device chip, supply, zone or cooling device name; the relative path for {@code path:}
 * @param index  the chip's position among chips of its name (hwmon only; 0 otherwise)
 * @param attr   the attribute or label (may be {@code ""} where the form allows)
 */
public record SysfsRef(Kind kind, String device, int index, String attr) {
    private static final Pattern HWMON = Pattern.compile("([^/#:\\s][^/#:]*?)(?:#(\\d{1,3}))?/(.+)");
    private static final Pattern ATTR_NAME = Pattern.compile("[a-z][a-z0-9_]*");
    private static final Pattern NAME = Pattern.compile("[^/\\s:][^/:]*");

    /** The forms a reference takes. */
    public enum Kind {
        /** {@code hwmon:CHIP[#N]/ATTR-or-label}. */
        HWMON,
        /** {@code supply:NAME[/ATTR]}. */
        SUPPLY,
        /** {@code zone:TYPE} or {@code zone:thermal_zoneN}. */
        ZONE,
        /** {@code cooling:TYPE} or {@code cooling:cooling_deviceN}. */
        COOLING,
        /** {@code path:REL}. */
        PATH
    }

    public SysfsRef {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(attr, "attr");
    }

    /**
     * Parses a reference.
     *
     * @param text the reference text from the config file
     * @param key  the config key it came from, named in the error
     * @throws ConfigException when the text is not a reference of the forms above
     */
    public static SysfsRef parse(String text, String key) {
        if (text == null || text.isBlank()) {
            throw new ConfigException(key, "is required (a sensor reference such as hwmon:ina3221/in1_input)");
        }
        int colon = text.indexOf(':');
        String scheme = colon < 0 ? "" : text.substring(0, colon);
        String rest = colon < 0 ? "" : text.substring(colon + 1).trim();
        switch (scheme) {
            case "hwmon" -> {
                Matcher m = HWMON.matcher(rest);
                if (!m.matches() || m.group(3).isBlank()) {
                    throw bad(key, text, "expected hwmon:CHIP/ATTR or hwmon:CHIP#N/ATTR, e.g. hwmon:ina3221/in1_input");
                }
                return new SysfsRef(Kind.HWMON, m.group(1).trim(), m.group(2) == null ? 0 : Integer.parseInt(m.group(2)),
                        m.group(3).trim());
            }
            case "supply" -> {
                int slash = rest.indexOf('/');
                String name = slash < 0 ? rest : rest.substring(0, slash);
                String attr = slash < 0 ? "" : rest.substring(slash + 1);
                if (!NAME.matcher(name).matches() || (slash >= 0 && !ATTR_NAME.matcher(attr).matches())) {
                    throw bad(key, text, "expected supply:NAME or supply:NAME/ATTR, e.g. supply:BAT0/voltage_now");
                }
                return new SysfsRef(Kind.SUPPLY, name, 0, attr);
            }
            case "zone", "cooling" -> {
                if (!NAME.matcher(rest).matches()) {
                    throw bad(key, text, "expected " + scheme + ":TYPE, e.g. " + (scheme.equals("zone")
                            ? "zone:x86_pkg_temp or zone:thermal_zone0" : "cooling:Fan or cooling:cooling_device0"));
                }
                return new SysfsRef(scheme.equals("zone") ? Kind.ZONE : Kind.COOLING, rest, 0, "");
            }
            case "path" -> {
                if (rest.isEmpty() || rest.startsWith("/") || List.of(rest.split("/")).contains("..")) {
                    throw bad(key, text, "expected path:RELATIVE/PATH under the sysfs root, without '..'");
                }
                return new SysfsRef(Kind.PATH, rest, 0, "");
            }
            default -> throw bad(key, text, "unknown form; use hwmon:CHIP/ATTR, supply:NAME[/ATTR], zone:TYPE, "
                    + "cooling:TYPE or path:REL");
        }
    }

    private static ConfigException bad(String key, String text, String why) {
        return new ConfigException(key, "'" + text + "': " + why);
    }

    /** True when this hwmon reference names an attribute file rather than a label. */
    public boolean namesAttribute() {
        return ATTR_NAME.matcher(attr).matches();
    }

    /** The attribute (or label) of a hwmon or supply reference, e.g. {@code pwm2}. */
    public String attribute() {
        return attr;
    }

    /**
     * Finds what this reference names now. Never throws.
     *
     * @return the file or folder, or empty with the reason in {@code why[0]} (when given)
     */
    public Optional<Path> resolve(SysfsTree tree, String[] why) {
        Optional<Path> found = switch (kind) {
            case HWMON -> HwmonChip.find(tree, device, index).flatMap(chip -> {
                if (namesAttribute()) {
                    Path p = chip.dir().resolve(attr);
                    return tree.exists(p) ? Optional.of(p) : Optional.empty();
                }
                return chip.inputForLabel(tree, attr).map(chip.dir()::resolve);
            });
            case SUPPLY -> {
                Path dir = tree.resolve("class/power_supply").resolve(device);
                Path p = attr.isEmpty() ? dir : dir.resolve(attr);
                yield tree.exists(p) ? Optional.of(p) : Optional.empty();
            }
            case ZONE -> byTypeOrName(tree, "class/thermal", "thermal_zone").map(d -> d.resolve("temp"));
            case COOLING -> byTypeOrName(tree, "class/thermal", "cooling_device");
            case PATH -> {
                Path p = tree.root().resolve(device);
                yield tree.exists(p) ? Optional.of(p) : Optional.empty();
            }
        };
        if (found.isEmpty() && why != null && why.length > 0) {
            why[0] = this + ": not found under " + tree.root();
        }
        return found;
    }

    private Optional<Path> byTypeOrName(SysfsTree tree, String cls, String prefix) {
        if (device.matches(prefix + "\\d+")) {
            Path d = tree.resolve(cls).resolve(device);
            return tree.exists(d) ? Optional.of(d) : Optional.empty();
        }
        for (Path d : tree.list(cls, n -> n.matches(prefix + "\\d+"))) {
            AttrRead type = tree.read(d, "type");
            if (type.ok() && type.text().equals(device)) {
                return Optional.of(d);
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return switch (kind) {
            case HWMON -> "hwmon:" + device + (index == 0 ? "" : "#" + index) + "/" + attr;
            case SUPPLY -> "supply:" + device + (attr.isEmpty() ? "" : "/" + attr);
            case ZONE -> "zone:" + device;
            case COOLING -> "cooling:" + device;
            case PATH -> "path:" + device;
        };
    }
}
