package io.sunsync.hal.accel;

import io.sunsync.hal.config.ConfigException;
import io.sunsync.hal.sysfs.SysfsRef;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Options of the {@code powercap} accelerator backend ({@code hardware.accelerators.options}):
 * every CPU package with a RAPL zone becomes a board whose cap is the zone's power limit.
 * Validated on construction; errors name the key. See docs/hal.md.
 *
 * <pre>
 * accelerators:
 *   backend: powercap
 *   options:
 *     root: /sys
 *     zones: [intel-rapl:0]         # default: every top-level zone named package-N
 *     constraint: long_term         # which constraint's power_limit_uw is the cap
 *     minCapW: 30                   # default 25 % of maxCapW
 *     maxCapW: 125                  # default constraint_N_max_power_uw, else the limit at start
 *     temps: {"intel-rapl:0": "hwmon:coretemp/Package id 0"}   # default: coretemp "Package id N"
 * </pre>
 *
 * @param root          sysfs root, default {@code /sys}
 * @param zones         RAPL zone folders to drive (e.g. {@code intel-rapl:0}); default every package zone
 * @param constraint    the constraint whose limit is the cap, by name (default {@code long_term}) or index
 * @param minCapW       lowest cap, in W (default 25 % of {@code maxCapW})
 * @param maxCapW       highest cap, in W (default the constraint's {@code max_power_uw}, else the limit at start)
 * @param idleW         idle power, in W (default 10 % of {@code maxCapW})
 * @param slowdownTempC throttle temperature, in °C (default the coretemp {@code tempN_crit}, else 100)
 * @param temps         temperature sensor per zone; default coretemp's {@code Package id N}, else {@code zone:x86_pkg_temp}
 * @param idPrefix      board ids are this plus the zone number (default {@code cpu-})
 */
public record PowercapOptions(String root, List<String> zones, String constraint, Double minCapW, Double maxCapW,
                              Double idleW, Double slowdownTempC, Map<String, String> temps, String idPrefix) {
    public PowercapOptions {
        root = root == null ? "/sys" : root;
        if (root.isBlank()) {
            throw new ConfigException("root", "must not be empty");
        }
        zones = zones == null ? List.of() : List.copyOf(zones);
        for (int i = 0; i < zones.size(); i++) {
            if (RaplZone.zoneIndex(zones.get(i)) < 0) {
                throw new ConfigException("zones[" + i + "]", "'" + zones.get(i)
                        + "' is not a top-level RAPL zone folder (e.g. intel-rapl:0)");
            }
        }
        constraint = constraint == null ? "long_term" : constraint;
        positiveOrNull(minCapW, "minCapW");
        positiveOrNull(maxCapW, "maxCapW");
        if (minCapW != null && maxCapW != null && minCapW > maxCapW) {
            throw new ConfigException("minCapW", "must not exceed maxCapW (" + maxCapW + "), was " + minCapW);
        }
        if (idleW != null && (!(idleW >= 0) || idleW.isInfinite())) {
            throw new ConfigException("idleW", "must be a number >= 0, was " + idleW);
        }
        positiveOrNull(slowdownTempC, "slowdownTempC");
        temps = temps == null ? Map.of() : Map.copyOf(new TreeMap<>(temps));
        for (Map.Entry<String, String> e : temps.entrySet()) {
            SysfsRef.parse(e.getValue(), "temps." + e.getKey());
        }
        idPrefix = idPrefix == null ? "cpu-" : idPrefix;
        if (!idPrefix.matches("[a-z0-9-]{1,16}")) {
            throw new ConfigException("idPrefix", "'" + idPrefix + "' must be 1-16 lower-case letters, digits or '-'");
        }
    }

    static void positiveOrNull(Double v, String key) {
        if (v != null && (!(v > 0) || v.isInfinite())) {
            throw new ConfigException(key, "must be a positive number, was " + v);
        }
    }
}
