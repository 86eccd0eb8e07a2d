package io.sunsync.hal.accel;

import io.sunsync.hal.config.ConfigException;
import java.util.List;

/**
 * Options of the {@code nvidia-smi} accelerator backend ({@code hardware.accelerators.options}),
 * validated on construction; errors name the key (e.g. {@code options.timeoutS}). See docs/hal.md.
 *
 * <pre>
 * accelerators:
 *   backend: nvidia-smi
 *   options:
 *     smiPath: nvidia-smi      # looked up on PATH, or a full path
 *     boards: [0, 1]           # GPU indices or UUIDs (default: every GPU found at start)
 *     timeoutS: 5              # limit per query or -pl; the tool is killed past it
 *     cacheMaxAgeS: 0.5        # one query serves every board for this long
 *     staleLimitS: 5           # after a failed query, serve the last values as STALE this long
 * </pre>
 *
 * @param smiPath        the tool, default {@code nvidia-smi} (PATH)
 * @param boards         GPU indices or UUIDs to drive; default every GPU found at start
 * @param timeoutS       time limit of a query or {@code -pl}, in s (default 5)
 * @param resetTimeoutS  time limit of a reset ({@code -r}), in s (default 60)
 * @param cacheMaxAgeS   how long one query serves all boards, in s (default 0.5)
 * @param staleLimitS    how long the last good values are served as STALE after a failed query, in s (default 5)
 * @param minCapW        lowest cap, in W (default the GPU's {@code power.min_limit})
 * @param maxCapW        highest cap, in W (default the GPU's {@code power.max_limit})
 * @param idleW          idle power, in W (default 10 % of the highest cap)
 * @param slowdownTempC  the GPU's slowdown temperature, in °C (default 87)
 * @param idPrefix       board ids are this plus the GPU index (default {@code gpu-})
 * @param reapplyEveryS  how often a lost power limit is re-applied at most, in s (default 10)
 */
public record NvidiaSmiOptions(String smiPath, List<String> boards, Double timeoutS, Double resetTimeoutS,
                               Double cacheMaxAgeS, Double staleLimitS, Double minCapW, Double maxCapW, Double idleW,
                               Double slowdownTempC, String idPrefix, Double reapplyEveryS) {
    public NvidiaSmiOptions {
        smiPath = smiPath == null ? "nvidia-smi" : smiPath;
        if (smiPath.isBlank()) {
            throw new ConfigException("smiPath", "must not be empty");
        }
        boards = gpus(boards);
        timeoutS = range(timeoutS, 5.0, 0.05, 600, "timeoutS");
        resetTimeoutS = range(resetTimeoutS, 60.0, 1, 3600, "resetTimeoutS");
        cacheMaxAgeS = range(cacheMaxAgeS, 0.5, 0, 3600, "cacheMaxAgeS");
        staleLimitS = range(staleLimitS, 5.0, 0, 3600, "staleLimitS");
        reapplyEveryS = range(reapplyEveryS, 10.0, 0, 86_400, "reapplyEveryS");
        capRange(minCapW, maxCapW, idleW);
        slowdownTempC = slowdownTempC == null ? 87.0 : slowdownTempC;
        PowercapOptions.positiveOrNull(slowdownTempC, "slowdownTempC");
        idPrefix = idPrefix(idPrefix);
    }

    private static Double range(Double v, double dflt, double min, double max, String key) {
        return ConfigException.inRange(key, v, dflt, min, max, "s");
    }

    /** The {@code boards} key of a GPU backend: GPU indices or UUIDs, none blank (absent: every GPU). */
    static List<String> gpus(List<String> boards) {
        List<String> out = boards == null ? List.of() : List.copyOf(boards);
        for (int i = 0; i < out.size(); i++) {
            if (out.get(i) == null || out.get(i).isBlank()) {
                throw new ConfigException("boards[" + i + "]", "must be a GPU index or UUID");
            }
        }
        return out;
    }

    /** The {@code minCapW}, {@code maxCapW} and {@code idleW} keys of a GPU backend, each optional. */
    static void capRange(Double minCapW, Double maxCapW, Double idleW) {
        PowercapOptions.positiveOrNull(minCapW, "minCapW");
        PowercapOptions.positiveOrNull(maxCapW, "maxCapW");
        if (minCapW != null && maxCapW != null && minCapW > maxCapW) {
            throw new ConfigException("minCapW", "must not exceed maxCapW (" + maxCapW + "), was " + minCapW);
        }
        if (idleW != null && (!(idleW >= 0) || idleW.isInfinite())) {
            throw new ConfigException("idleW", "must be a number >= 0, was " + idleW);
        }
    }

    /** The {@code idPrefix} key of a GPU backend (default {@code gpu-}). */
    static String idPrefix(String idPrefix) {
        String p = idPrefix == null ? "gpu-" : idPrefix;
        if (!p.matches("[a-z0-9-]{1,16}")) {
            throw new ConfigException("idPrefix", "'" + p + "' must be 1-16 lower-case letters, digits or '-'");
        }
        return p;
    }
}
