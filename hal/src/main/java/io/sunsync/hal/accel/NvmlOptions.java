package io.sunsync.hal.accel;

import io.sunsync.hal.config.ConfigException;
import java.util.List;

/**
 * Options of the {@code nvml} accelerator backend ({@code hardware.accelerators.options}),
 * validated on construction; errors name the key (e.g. {@code options.reapplyEveryS}). See
 * docs/hal.md.
 *
 * <pre>
 * accelerators:
 *   backend: nvml
 *   options:
 *     library: libnvidia-ml.so.1   # found by the dynamic loader, or a path
 *     boards: [0, 1]               # NVML indices or UUIDs (default: every GPU found at start)
 *     reapplyEveryS: 10            # a lost power limit is applied again at most this often
 * </pre>
 *
 * @param library        the NVML library, default {@code libnvidia-ml.so.1}
 * @param boards         NVML indices or UUIDs to drive; default every GPU found at start
 * @param minCapW        lowest cap, in W (default the GPU's lowest allowed limit)
 * @param maxCapW        highest cap, in W (default the GPU's highest allowed limit)
 * @param idleW          idle power, in W (default 10 % of the highest cap)
 * @param slowdownTempC  the slowdown temperature, in °C (default: the GPU's
 *                       {@code NVML_TEMPERATURE_THRESHOLD_SLOWDOWN}; 87 when it reports none)
 * @param idPrefix       board ids are this plus the NVML index (default {@code gpu-})
 * @param reapplyEveryS  how often a lost power limit is re-applied at most, in s (default 10)
 * @param smiPath        the {@code nvidia-smi} that resets a GPU ({@code -i UUID -r}; NVML has no reset), default from PATH
 * @param resetTimeoutS  time limit of a reset, in s (default 60)
 */
public record NvmlOptions(String library, List<String> boards, Double minCapW, Double maxCapW, Double idleW,
                          Double slowdownTempC, String idPrefix, Double reapplyEveryS, String smiPath,
                          Double resetTimeoutS) {
    /** The slowdown temperature assumed when neither the GPU nor the config gives one, in °C. */
    public static final double DEFAULT_SLOWDOWN_C = 87;

    public NvmlOptions {
        library = library == null ? "libnvidia-ml.so.1" : library;
        if (library.isBlank()) {
            throw new ConfigException("library", "must name the NVML library, e.g. libnvidia-ml.so.1");
        }
        boards = NvidiaSmiOptions.gpus(boards);
        NvidiaSmiOptions.capRange(minCapW, maxCapW, idleW);
        PowercapOptions.positiveOrNull(slowdownTempC, "slowdownTempC");
        idPrefix = NvidiaSmiOptions.idPrefix(idPrefix);
        reapplyEveryS = seconds(reapplyEveryS, 10.0, 0, 86_400, "reapplyEveryS");
        smiPath = smiPath == null ? "nvidia-smi" : smiPath;
        if (smiPath.isBlank()) {
            throw new ConfigException("smiPath", "must not be empty");
        }
        resetTimeoutS = seconds(resetTimeoutS, 60.0, 1, 3600, "resetTimeoutS");
    }

    private static Double seconds(Double v, double dflt, double min, double max, String key) {
        return ConfigException.inRange(key, v, dflt, min, max, "s");
    }
}
