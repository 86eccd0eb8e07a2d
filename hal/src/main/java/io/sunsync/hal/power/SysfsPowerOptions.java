package io.sunsync.hal.power;

import io.sunsync.hal.config.ConfigException;
import io.sunsync.hal.sysfs.SysfsRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Options of the {@code sysfs} power system ({@code hardware.power.options}), validated on
 * construction; errors name the key (e.g. {@code options.array[1]}). See docs/hal.md.
 *
 * <pre>
 * power:
 *   backend: sysfs
 *   options:
 *     root: /sys                      # sysfs root (default /sys; relative paths from the config file)
 *     battery: BAT0                   # power_supply name of the battery (required)
 *     array: [supply:solar0, hwmon:ina3221/power2_input]   # one power source per array string (required)
 *     bus: hwmon:ina3221/in1_input    # bus voltage (default: the battery's voltage_now)
 *     load: hwmon:ina226/power1_input # total load power (default: array power - battery power)
 *     currentSign: auto               # auto | kernel | inverted (see SysfsPowerSupply.CurrentSign)
 *     sunlitAboveW: 1.0               # a string delivering more than this is online
 *     stuckLimitS: 0                  # flag non-zero values unchanged this long (0 = off)
 *     ratings: {ratedArrayW: 1200, batteryCapacityWh: 500, batteryFloorPct: 30,
 *               maxChargeW: 300, maxDischargeW: 600, nominalBusV: 28}
 * </pre>
 *
 * @param root         sysfs root, default {@code /sys}
 * @param battery      the battery's power_supply folder name
 * @param array        one source per array string: {@code supply:NAME} (its power, or V × I; its
 *                     {@code online}) or a power sensor reference
 * @param bus          bus voltage: a voltage sensor reference or {@code supply:NAME}; default the battery
 * @param load         total load: a power sensor reference or {@code supply:NAME}; default array − battery
 * @param currentSign  {@code auto}, {@code kernel} or {@code inverted}
 * @param sunlitAboveW a string delivering more than this, in W, counts as online (default 1)
 * @param stuckLimitS  seconds a non-zero value may stay exactly the same before it is flagged stuck (0 = off)
 * @param ratings      the power system's ratings
 */
public record SysfsPowerOptions(String root, String battery, List<String> array, String bus, String load,
                                String currentSign, Double sunlitAboveW, Double stuckLimitS, Ratings ratings) {
    public SysfsPowerOptions {
        root = root == null ? "/sys" : root;
        if (root.isBlank()) {
            throw new ConfigException("root", "must not be empty");
        }
        ConfigException.require(battery, "battery");
        if (battery.contains("/") || battery.contains(":")) {
            throw new ConfigException("battery", "'" + battery + "' must be a power_supply folder name, e.g. BAT0");
        }
        if (array == null || array.isEmpty()) {
            throw new ConfigException("array", "is required: one power source per array string, e.g. [supply:solar0]");
        }
        array = List.copyOf(array);
        for (int i = 0; i < array.size(); i++) {
            SysfsRef.parse(array.get(i), "array[" + i + "]");
        }
        if (bus != null) {
            SysfsRef.parse(bus, "bus");
        }
        if (load != null) {
            SysfsRef.parse(load, "load");
        }
        currentSign = currentSign == null ? "auto" : currentSign;
        sign(currentSign);
        sunlitAboveW = sunlitAboveW == null ? 1.0 : sunlitAboveW;
        if (!(sunlitAboveW >= 0) || sunlitAboveW.isInfinite()) {
            throw new ConfigException("sunlitAboveW", "must be a number >= 0, was " + sunlitAboveW);
        }
        stuckLimitS = stuckLimitS == null ? 0.0 : stuckLimitS;
        if (!(stuckLimitS >= 0) || stuckLimitS.isInfinite()) {
            throw new ConfigException("stuckLimitS", "must be a number >= 0 (0 = off), was " + stuckLimitS);
        }
        ConfigException.require(ratings, "ratings");
    }

    /** The sign convention as an enum. */
    public SysfsPowerSupply.CurrentSign sign() {
        return sign(currentSign);
    }

    private static SysfsPowerSupply.CurrentSign sign(String text) {
        try {
            return SysfsPowerSupply.CurrentSign.valueOf(text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ConfigException("currentSign", "'" + text + "' must be one of auto, kernel, inverted");
        }
    }

    /** The array string references, parsed. */
    public List<SysfsRef> arrayRefs() {
        List<SysfsRef> refs = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            refs.add(SysfsRef.parse(array.get(i), "array[" + i + "]"));
        }
        return refs;
    }

    /**
     * The power system's ratings (they become its {@link PowerSystemSpec}).
     *
     * @param ratedArrayW       beginning-of-life array output, in W (required)
     * @param batteryCapacityWh battery energy, in Wh; default the battery's {@code energy_full_design}
     *                          (else {@code energy_full}) read at start
     * @param batteryFloorPct   depth-of-discharge floor, in % (default 30)
     * @param maxChargeW        battery charge-rate limit, in W (required)
     * @param maxDischargeW     battery discharge-rate limit, in W (required)
     * @param nominalBusV       nominal bus voltage, in V (required)
     */
    public record Ratings(Double ratedArrayW, Double batteryCapacityWh, Double batteryFloorPct, Double maxChargeW,
                          Double maxDischargeW, Double nominalBusV) {
        public Ratings {
            positive(ConfigException.require(ratedArrayW, "ratedArrayW"), "ratedArrayW");
            if (batteryCapacityWh != null) {
                positive(batteryCapacityWh, "batteryCapacityWh");
            }
            batteryFloorPct = batteryFloorPct == null ? 30.0 : batteryFloorPct;
            if (!(batteryFloorPct >= 0 && batteryFloorPct < 100)) {
                throw new ConfigException("batteryFloorPct", "must be in [0, 100), was " + batteryFloorPct);
            }
            positive(ConfigException.require(maxChargeW, "maxChargeW"), "maxChargeW");
            positive(ConfigException.require(maxDischargeW, "maxDischargeW"), "maxDischargeW");
            positive(ConfigException.require(nominalBusV, "nominalBusV"), "nominalBusV");
        }

        private static void positive(double v, String key) {
            if (!(v > 0) || Double.isInfinite(v)) {
                throw new ConfigException(key, "must be a positive number, was " + v);
            }
        }
    }
}
