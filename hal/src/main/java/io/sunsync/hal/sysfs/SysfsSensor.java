package io.sunsync.hal.sysfs;

import io.sunsync.hal.FaultCode;
import io.sunsync.hal.config.ConfigException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * A sensor named by a {@link SysfsRef} in the config file, read as one quantity in the records'
 * units. The kernel unit follows from the attribute it resolves to (hwmon {@code temp*} m°C,
 * {@code in*} mV, {@code curr*} mA, {@code power*} µW; power_supply {@code voltage_*} µV,
 * {@code current_*} µA, {@code power_*} µW, {@code temp} 0.1 °C; a thermal zone's {@code temp}
 * m°C; a {@code path:} file the role's usual kernel unit: m°C, µW, µV, µA, RPM). The resolved
 * path is cached and looked up again when it disappears (a driver reloaded). Used from one
 * thread.
 */
public final class SysfsSensor {
    private final SysfsRef ref;
    private final Role role;
    private final Quantity bounds;
    private Path cached;

    /** What a sensor measures, with the records' unit. */
    public enum Role {
        /** Temperature in °C. */
        TEMPERATURE("°C", "temp", 1e-3),
        /** Power in W. */
        POWER("W", "power", 1e-6),
        /** Voltage in V. */
        VOLTAGE("V", "in", 1e-6),
        /** Current in A. */
        CURRENT("A", "curr", 1e-6),
        /** Fan or pump speed in RPM. */
        SPEED("rpm", "fan", 1.0);

        private final String unit;
        private final String hwmonFamily;
        private final double pathScale;

        Role(String unit, String hwmonFamily, double pathScale) {
            this.unit = unit;
            this.hwmonFamily = hwmonFamily;
            this.pathScale = pathScale;
        }
    }

    /**
     * @param ref  what to read
     * @param role what it measures
     * @param name the quantity's name in faults (e.g. {@code busVoltageV})
     * @param min  lowest plausible value, in the role's unit
     * @param max  highest plausible value, in the role's unit
     * @param key  the config key of {@code ref}, for errors
     * @throws ConfigException when the reference cannot name a sensor of this role
     */
    public SysfsSensor(SysfsRef ref, Role role, String name, double min, double max, String key) {
        this.ref = Objects.requireNonNull(ref, "ref");
        this.role = Objects.requireNonNull(role, "role");
        this.bounds = new Quantity(name, role.unit, 1.0, min, max);
        String why = mismatch(ref);
        if (why != null) {
            throw new ConfigException(key, "'" + ref + "' " + why);
        }
    }

    private String mismatch(SysfsRef r) {
        return switch (r.kind()) {
            case COOLING -> "is a cooling device, not a sensor";
            case ZONE -> role == Role.TEMPERATURE ? null : "is a thermal zone, which measures temperature only";
            case SUPPLY -> r.attribute().isEmpty() ? "names no attribute (e.g. supply:" + r.device() + "/voltage_now)"
                    : Double.isNaN(scale(r.attribute(), r.kind())) ? "is not a " + role.name().toLowerCase() + " attribute"
                    : null;
            case HWMON -> r.namesAttribute() && Double.isNaN(scale(r.attribute(), r.kind()))
                    ? "is not a " + role.name().toLowerCase() + " attribute (expected " + role.hwmonFamily + "N_input)" : null;
            case PATH -> null;
        };
    }

    /** What this sensor reads. */
    public SysfsRef ref() {
        return ref;
    }

    /** The quantity's name in faults. */
    public String name() {
        return bounds.name();
    }

    /** Reads the sensor now. Never throws. */
    public Sample read(SysfsTree tree) {
        Optional<Path> file = path(tree);
        if (file.isEmpty()) {
            return Sample.failed(FaultCode.SENSOR_MISSING, ref + ": not found under " + tree.root());
        }
        Path p = file.get();
        double scale = scale(p.getFileName().toString(), ref.kind());
        if (Double.isNaN(scale)) {
            return Sample.failed(FaultCode.SENSOR_UNPARSABLE, ref + " resolves to " + p.getFileName()
                    + ", which is not a " + role.name().toLowerCase() + " attribute");
        }
        AttrRead read = tree.read(p);
        if (read.missing()) {
            cached = null;
        }
        return new Quantity(bounds.name(), role.unit, scale, bounds.min(), bounds.max()).parse(read);
    }

    /** The file the reference resolves to now (cached while it exists). Never throws. */
    public Optional<Path> path(SysfsTree tree) {
        if (cached != null && tree.exists(cached)) {
            return Optional.of(cached);
        }
        cached = ref.resolve(tree, null).orElse(null);
        return Optional.ofNullable(cached);
    }

    private double scale(String attr, SysfsRef.Kind kind) {
        switch (kind) {
            case ZONE:
                return attr.equals("temp") || attr.isEmpty() ? 1e-3 : Double.NaN;
            case PATH:
                return role.pathScale;
            case SUPPLY: {
                String family = attr.replaceAll("_.*$", "");
                return switch (role) {
                    case VOLTAGE -> family.equals("voltage") ? 1e-6 : Double.NaN;
                    case CURRENT -> family.equals("current") ? 1e-6 : Double.NaN;
                    case POWER -> family.equals("power") ? 1e-6 : Double.NaN;
                    case TEMPERATURE -> family.equals("temp") ? 0.1 : Double.NaN;
                    case SPEED -> Double.NaN;
                };
            }
            case HWMON: {
                String family = HwmonChip.prefix(attr).replaceAll("\\d+$", "");
                if (!family.equals(role.hwmonFamily)) {
                    return Double.NaN;
                }
                return HwmonChip.quantityOf(attr).scale();
            }
            default:
                return Double.NaN;
        }
    }
}
