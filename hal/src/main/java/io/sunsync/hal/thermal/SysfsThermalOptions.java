package io.sunsync.hal.thermal;

import io.sunsync.hal.config.ConfigException;
import io.sunsync.hal.sysfs.SysfsRef;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Options of the {@code sysfs} thermal control ({@code hardware.thermal.options}), validated on
 * construction; errors name the key (e.g. {@code options.loops[0].pump}). See docs/hal.md.
 *
 * <pre>
 * thermal:
 *   backend: sysfs
 *   options:
 *     root: /sys
 *     zones:                                   # default: every thermal zone, named by its type
 *       - {name: cpu, sensor: zone:x86_pkg_temp}
 *       - {name: cold-plate-1, sensor: "hwmon:nct6775/temp2_input", maxC: 60}
 *     loops:
 *       - name: loop-a
 *         pump: hwmon:nct6775/pwm2             # hwmon:CHIP/pwmN, cooling:TYPE or path:REL
 *         tach: hwmon:nct6775/fan2_input       # pump speed; below minRpm while on = pump failed
 *         minRpm: 300
 *         flowLpmPerRpm: 0.002                 # flow = rpm x this (no flow sensor in sysfs)
 *         radiator: hwmon:nct6775/temp3_input
 *         heater: path:class/gpio/gpio17/value
 *     stuckLimitS: 0
 * </pre>
 *
 * @param root        sysfs root, default {@code /sys}
 * @param zones       the temperature zones; default every thermal zone
 * @param loops       the pumped loops (default none)
 * @param stuckLimitS seconds a non-zero temperature may stay exactly the same before it is flagged (0 = off)
 * @param defaultMinC lowest allowed temperature of zones that set none, in °C (default -40)
 * @param defaultMaxC highest allowed temperature of zones that set none and have no hot/critical trip, in °C (default 85)
 */
public record SysfsThermalOptions(String root, List<Zone> zones, List<Loop> loops, Double stuckLimitS,
                                  Double defaultMinC, Double defaultMaxC) {
    public SysfsThermalOptions {
        root = root == null ? "/sys" : root;
        if (root.isBlank()) {
            throw new ConfigException("root", "must not be empty");
        }
        zones = zones == null ? List.of() : List.copyOf(zones);
        loops = loops == null ? List.of() : List.copyOf(loops);
        unique(zones.stream().map(Zone::name).toList(), "zones");
        unique(loops.stream().map(Loop::name).toList(), "loops");
        stuckLimitS = stuckLimitS == null ? 0.0 : stuckLimitS;
        if (!(stuckLimitS >= 0) || stuckLimitS.isInfinite()) {
            throw new ConfigException("stuckLimitS", "must be a number >= 0 (0 = off), was " + stuckLimitS);
        }
        defaultMinC = defaultMinC == null ? -40.0 : defaultMinC;
        defaultMaxC = defaultMaxC == null ? 85.0 : defaultMaxC;
        if (!(defaultMaxC > defaultMinC)) {
            throw new ConfigException("defaultMaxC", "must exceed defaultMinC (" + defaultMinC + "), was " + defaultMaxC);
        }
    }

    private static void unique(List<String> names, String key) {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < names.size(); i++) {
            if (!seen.add(names.get(i))) {
                throw new ConfigException(key + "[" + i + "].name", "'" + names.get(i) + "' is used twice");
            }
        }
    }

    /**
     * One temperature zone.
     *
     * @param name   zone name in readings and telemetry
     * @param sensor {@code zone:TYPE}, {@code hwmon:CHIP/tempN_input} (or a label), or {@code path:REL} (m°C)
     * @param minC   lowest allowed temperature, in °C (default {@code defaultMinC})
     * @param maxC   highest allowed temperature, in °C (default: the zone's lowest hot/critical trip, the
     *               hwmon {@code tempN_max}/{@code tempN_crit}, else {@code defaultMaxC})
     */
    public record Zone(String name, String sensor, Double minC, Double maxC) {
        public Zone {
            ConfigException.require(name, "name");
            SysfsRef ref = SysfsRef.parse(sensor, "sensor");
            if (ref.kind() == SysfsRef.Kind.COOLING || ref.kind() == SysfsRef.Kind.SUPPLY) {
                throw new ConfigException("sensor", "'" + sensor + "' is not a temperature sensor; use zone:, hwmon: or path:");
            }
            if (minC != null && maxC != null && !(maxC > minC)) {
                throw new ConfigException("maxC", "must exceed minC (" + minC + "), was " + maxC);
            }
        }
    }

    /**
     * One pumped loop.
     *
     * @param name          loop name used by commands
     * @param pump          the pump: {@code hwmon:CHIP/pwmN}, {@code cooling:TYPE} or {@code path:REL} (required)
     * @param pumpOnLevel   PWM level for "on", 1..255 (default 255)
     * @param tach          the pump's speed sensor ({@code hwmon:CHIP/fanN_input}); optional
     * @param minRpm        a pump commanded on that turns slower than this has failed (default 1)
     * @param flowLpmPerRpm coolant flow per RPM, L/min (optional: flow is NaN without it)
     * @param radiator      the radiator's temperature sensor (optional)
     * @param heater        the loop heater: {@code hwmon:CHIP/pwmN}, {@code cooling:TYPE} or {@code path:REL} (optional)
     * @param heaterOnLevel PWM level for heater "on", 1..255 (default 255)
     */
    public record Loop(String name, String pump, Integer pumpOnLevel, String tach, Double minRpm, Double flowLpmPerRpm,
                       String radiator, String heater, Integer heaterOnLevel) {
        public Loop {
            ConfigException.require(name, "name");
            SysfsRef.parse(pump, "pump");
            pumpOnLevel = pumpOnLevel == null ? 255 : pumpOnLevel;
            heaterOnLevel = heaterOnLevel == null ? 255 : heaterOnLevel;
            if (tach != null) {
                SysfsRef.parse(tach, "tach");
            }
            minRpm = minRpm == null ? 1.0 : minRpm;
            if (!(minRpm >= 0) || minRpm.isInfinite()) {
                throw new ConfigException("minRpm", "must be a number >= 0, was " + minRpm);
            }
            if (flowLpmPerRpm != null && (!(flowLpmPerRpm > 0) || flowLpmPerRpm.isInfinite())) {
                throw new ConfigException("flowLpmPerRpm", "must be a positive number, was " + flowLpmPerRpm);
            }
            if (radiator != null) {
                SysfsRef.parse(radiator, "radiator");
            }
            if (heater != null) {
                SysfsRef.parse(heater, "heater");
            }
        }
    }
}
