package io.sunsync.hal.power;

import io.sunsync.hal.FaultCode;
import io.sunsync.hal.sysfs.AttrRead;
import io.sunsync.hal.sysfs.Quantity;
import io.sunsync.hal.sysfs.Sample;
import io.sunsync.hal.sysfs.SysfsTree;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One Linux power supply ({@code /sys/class/power_supply/NAME}: a battery, a mains or solar
 * input, a UPS), read in the records' units. Attributes and units after
 * Documentation/ABI/testing/sysfs-class-power: {@code voltage_now} µV, {@code current_now} µA,
 * {@code power_now} µW, {@code energy_now}/{@code energy_full}/{@code energy_full_design} µWh,
 * {@code charge_now}/{@code charge_full} µAh, {@code voltage_min_design} µV, {@code capacity} %,
 * {@code status}, {@code online}, {@code type}.
 *
 * <p>Where a driver leaves an attribute out, the value is derived: power = voltage × current,
 * energy = charge × {@code voltage_min_design} (else {@code voltage_now}), state of charge =
 * energy / full energy (else charge / full charge).
 *
 * <p>Sign: the ABI says {@code current_now} is negative while discharging (since Linux 5.10;
 * commit 05f94eb "power: supply: document current direction"), but many drivers report only
 * magnitudes and ACPI batteries report {@code power_now} as a positive rate. {@link CurrentSign}
 * chooses how to read it. Stateless apart from its configuration; thread safe.
 */
public final class SysfsPowerSupply {
    private static final Quantity VOLTAGE = Quantity.microvolts("voltageV", 0, 2000);
    private static final Quantity CURRENT = Quantity.microamps("currentA", -5000, 5000);
    private static final Quantity POWER = Quantity.microwatts("powerW", -1e6, 1e6);
    private static final Quantity ENERGY = Quantity.microwattHours("energyWh", 0, 1e7);
    private static final Quantity CHARGE = Quantity.microampHours("chargeAh", 0, 1e6);
    private static final Quantity CAPACITY = Quantity.plain("capacityPct", "%", 0, 100);

    private final String name;
    private final CurrentSign sign;

    /** How to read the sign of {@code current_now} and {@code power_now}. */
    public enum CurrentSign {
        /**
         * From {@code status}: {@code Charging} is positive, {@code Discharging} negative, whatever
         * sign the driver used; any other status keeps the kernel's sign. The default.
         */
        AUTO,
        /** As the ABI documents it: negative while discharging. */
        KERNEL,
        /** The opposite (drivers that report positive while discharging). */
        INVERTED
    }

    /**
     * @param name the supply's folder name, e.g. {@code BAT0}
     * @param sign how to read the sign of current and power
     */
    public SysfsPowerSupply(String name, CurrentSign sign) {
        this.name = Objects.requireNonNull(name, "name");
        this.sign = Objects.requireNonNull(sign, "sign");
    }

    /** The supply's folder name. */
    public String name() {
        return name;
    }

    /** Every power supply under {@code tree}, by folder name in natural order. Never throws. */
    public static List<String> list(SysfsTree tree) {
        return tree.list("class/power_supply", n -> !n.startsWith(".")).stream()
                .map(p -> p.getFileName().toString()).toList();
    }

    /**
     * One reading of a supply. Quantities the driver does not provide (and that cannot be
     * derived) are failed samples with {@link FaultCode#SENSOR_MISSING}.
     *
     * @param name        the supply's folder name
     * @param present     false when the supply's folder does not exist
     * @param type        {@code type} (Battery, Mains, USB, UPS...), {@code ""} when unreadable
     * @param status      {@code status} (Charging, Discharging, Not charging, Full, Unknown), {@code ""} when absent
     * @param online      {@code online} (0/1; 2 = online with a programmable input) or null when absent
     * @param voltageV    voltage now, in V
     * @param currentA    current now, in A: positive into the battery (charging)
     * @param powerW      power now, in W: positive into the battery (charging); for an input, what it delivers
     * @param energyWh    stored energy now, in Wh
     * @param energyFullWh stored energy when full, in Wh
     * @param capacityPct state of charge, in %
     */
    public record Snapshot(String name, boolean present, String type, String status, Integer online, Sample voltageV,
                           Sample currentA, Sample powerW, Sample energyWh, Sample energyFullWh, Sample capacityPct) {
    }

    /** Reads the supply now. Never throws. */
    public Snapshot read(SysfsTree tree) {
        Path dir = tree.resolve("class/power_supply").resolve(name);
        if (!tree.exists(dir)) {
            Sample missing = Sample.failed(FaultCode.SENSOR_MISSING, dir + ": no such power supply");
            return new Snapshot(name, false, "", "", null, missing, missing, missing, missing, missing, missing);
        }
        String where = dir.toString();
        String type = tree.read(dir, "type").textOr("");
        String status = tree.read(dir, "status").textOr("");
        AttrRead onlineRead = tree.read(dir, "online");
        Integer online = null;
        if (onlineRead.ok() && onlineRead.text().matches("\\d{1,2}")) {
            online = Integer.parseInt(onlineRead.text());
        }

        Sample voltage = VOLTAGE.parse(tree.read(dir, "voltage_now"));
        Sample current = signed(CURRENT.parse(tree.read(dir, "current_now")), status);
        AttrRead powerRead = tree.read(dir, "power_now");
        Sample power;
        if (!powerRead.missing()) {
            power = signed(POWER.parse(powerRead), status);
        } else if (voltage.good() && current.good()) {
            power = POWER.check(voltage.value() * current.value(), where + " (voltage_now × current_now)");
        } else {
            power = derivedFailure("power_now", voltage, current, where, "voltage_now × current_now");
        }

        Sample designV = VOLTAGE.parse(tree.read(dir, "voltage_min_design"));
        Sample nominalV = designV.good() && designV.value() > 0 ? designV : voltage;
        Sample energy = energy(tree, dir, "energy_now", "charge_now", nominalV, where);
        Sample energyFull = energy(tree, dir, "energy_full", "charge_full", nominalV, where);

        AttrRead capacityRead = tree.read(dir, "capacity");
        Sample capacity;
        if (!capacityRead.missing()) {
            capacity = CAPACITY.parse(capacityRead);
        } else if (energy.good() && energyFull.good() && energyFull.value() > 0) {
            capacity = CAPACITY.check(100.0 * energy.value() / energyFull.value(), where + " (energy_now / energy_full)");
        } else {
            capacity = derivedFailure("capacity", energy, energyFull, where, "energy_now / energy_full");
        }
        return new Snapshot(name, true, type, status, online, voltage, current, power, energy, energyFull, capacity);
    }

    private static Sample energy(SysfsTree tree, Path dir, String energyAttr, String chargeAttr, Sample volts,
                                 String where) {
        AttrRead e = tree.read(dir, energyAttr);
        if (!e.missing()) {
            return ENERGY.parse(e);
        }
        Sample charge = CHARGE.parse(tree.read(dir, chargeAttr));
        if (charge.good() && volts.good()) {
            return ENERGY.check(charge.value() * volts.value(), where + " (" + chargeAttr + " × voltage)");
        }
        return derivedFailure(energyAttr, charge, volts, where, chargeAttr + " × voltage");
    }

    private static Sample derivedFailure(String attr, Sample a, Sample b, String where, String how) {
        Sample bad = !a.good() ? a : b;
        if (bad.fault() == FaultCode.SENSOR_MISSING) {
            return Sample.failed(FaultCode.SENSOR_MISSING, where + ": no " + attr + " and cannot derive it from " + how);
        }
        return Sample.failed(bad.fault() == FaultCode.SENSOR_OUT_OF_RANGE ? FaultCode.SENSOR_OUT_OF_RANGE : bad.fault(),
                where + ": " + attr + " derived from " + how + ": " + bad.detail());
    }

    private Sample signed(Sample s, String status) {
        if (!s.usable() && s.quality() != io.sunsync.hal.Quality.OUT_OF_RANGE) {
            return s;
        }
        double v = s.value();
        double out = switch (sign) {
            case KERNEL -> v;
            case INVERTED -> -v;
            case AUTO -> switch (status.toLowerCase(Locale.ROOT)) {
                case "charging" -> Math.abs(v);
                case "discharging" -> -Math.abs(v);
                default -> v;
            };
        };
        return s.withValue(out == 0.0 ? 0.0 : out);
    }
}
