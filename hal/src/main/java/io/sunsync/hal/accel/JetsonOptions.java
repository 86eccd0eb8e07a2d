package io.sunsync.hal.accel;

import io.sunsync.hal.config.ConfigException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Options of the {@code jetson} accelerator backend ({@code hardware.accelerators.options}): the
 * Jetson module flight runs on, as one board. Validated on construction; errors name the key. See
 * docs/hal.md.
 *
 * <pre>
 * accelerators:
 *   backend: jetson
 *   options:
 *     root: /sys
 *     inputRail: VDD_IN            # the module's input rail (its draw); "sum" adds every rail
 *     tempZones: [cpu-thermal, gpu-thermal, soc0-thermal, soc1-thermal, soc2-thermal]
 *     modeBudgetsW: {0: 40}        # budgets for modes whose name gives none (MAXN)
 * </pre>
 *
 * @param root           sysfs root (default {@code /sys}); relative paths from the config file's folder
 * @param nvpmodelPath   the {@code nvpmodel} tool (default {@code nvpmodel}, from PATH)
 * @param timeoutS       time limit of one nvpmodel run, in s (default 20: a mode change rewrites many clocks)
 * @param inputRail      label of the INA3221 rail that carries the module's input power (default
 *                       {@code VDD_IN}); {@code sum} adds every rail (boards without an input rail)
 * @param tempZones      thermal zone types whose hottest is the board's temperature (default the
 *                       Orin zones {@code cpu-thermal, gpu-thermal, cv0..2-thermal, soc0..2-thermal,
 *                       tj-thermal}; those absent or unreadable at start are left out)
 * @param slowdownTempC  the temperature the module throttles at, in °C (default: the lowest
 *                       {@code passive} trip point of those zones, else their lowest hot/critical one)
 * @param modeBudgetsW   power budget by mode id, in W, for modes whose name gives none (e.g.
 *                       {@code MAXN}) or to override a name's; modes without a budget are not used
 * @param idleW          idle power, in W (default 10 % of the highest budget)
 * @param id             the board id (default {@code jetson-0})
 * @param modeCheckS     how often a reading asks nvpmodel which mode is in force, in s (default 10;
 *                       a query is a process: not every tick)
 * @param reapplyEveryS  a mode other than the commanded one is set again at most this often, in s (default 10)
 */
public record JetsonOptions(String root, String nvpmodelPath, Double timeoutS, String inputRail, List<String> tempZones,
                            Double slowdownTempC, Map<String, Double> modeBudgetsW, Double idleW, String id,
                            Double modeCheckS, Double reapplyEveryS) {
    /** Thermal zone types of Jetson Orin (JetPack 5/6). */
    public static final List<String> ORIN_ZONES = List.of("cpu-thermal", "gpu-thermal", "cv0-thermal", "cv1-thermal",
            "cv2-thermal", "soc0-thermal", "soc1-thermal", "soc2-thermal", "tj-thermal");
    /** {@link #inputRail()} value that adds every rail. */
    public static final String SUM = "sum";

    public JetsonOptions {
        root = root == null ? "/sys" : root;
        if (root.isBlank()) {
            throw new ConfigException("root", "must name the sysfs root, e.g. /sys");
        }
        nvpmodelPath = nvpmodelPath == null ? "nvpmodel" : nvpmodelPath;
        if (nvpmodelPath.isBlank()) {
            throw new ConfigException("nvpmodelPath", "must not be empty");
        }
        timeoutS = seconds(timeoutS, 20.0, 0.1, 600, "timeoutS");
        inputRail = inputRail == null ? "VDD_IN" : inputRail.strip();
        if (inputRail.isEmpty()) {
            throw new ConfigException("inputRail", "must be a rail label such as VDD_IN, or 'sum'");
        }
        tempZones = tempZones == null ? ORIN_ZONES : List.copyOf(tempZones);
        if (tempZones.isEmpty()) {
            throw new ConfigException("tempZones", "must list at least one thermal zone type");
        }
        for (int i = 0; i < tempZones.size(); i++) {
            if (tempZones.get(i) == null || tempZones.get(i).isBlank()) {
                throw new ConfigException("tempZones[" + i + "]", "must be a thermal zone type, e.g. gpu-thermal");
            }
        }
        PowercapOptions.positiveOrNull(slowdownTempC, "slowdownTempC");
        Map<String, Double> budgets = new TreeMap<>();
        if (modeBudgetsW != null) {
            for (Map.Entry<String, Double> e : modeBudgetsW.entrySet()) {
                if (!e.getKey().matches("\\d{1,4}")) {
                    throw new ConfigException("modeBudgetsW." + e.getKey(), "keys are nvpmodel mode ids (0, 1, ...)");
                }
                PowercapOptions.positiveOrNull(e.getValue(), "modeBudgetsW." + e.getKey());
                if (e.getValue() == null) {
                    throw new ConfigException("modeBudgetsW." + e.getKey(), "must be a power budget in W");
                }
                budgets.put(e.getKey(), e.getValue());
            }
        }
        modeBudgetsW = Map.copyOf(budgets);
        if (idleW != null && (!(idleW >= 0) || idleW.isInfinite())) {
            throw new ConfigException("idleW", "must be a number >= 0, was " + idleW);
        }
        id = id == null ? "jetson-0" : id;
        if (!id.matches("[a-z0-9][a-z0-9-]{0,31}")) {
            throw new ConfigException("id", "'" + id + "' must be lower-case letters, digits and '-', 1-32 long");
        }
        modeCheckS = seconds(modeCheckS, 10.0, 0, 86_400, "modeCheckS");
        reapplyEveryS = seconds(reapplyEveryS, 10.0, 0, 86_400, "reapplyEveryS");
    }

    /** The budget the config gives mode {@code id}, in W, or null. */
    public Double budgetOf(int id) {
        return modeBudgetsW.get(Integer.toString(id));
    }

    private static Double seconds(Double v, double dflt, double min, double max, String key) {
        return ConfigException.inRange(key, v, dflt, min, max, "s");
    }
}
