package io.sunsync.sim.accel;

import io.sunsync.hal.config.ConfigException;
import java.util.Locale;

/**
 * A wall-clock cost model for the I/O of a real board backend, so flight's control tick can be
 * measured with the time its device calls would take (the sim's own boards answer in
 * microseconds). It costs wall time only: it does not move the simulation's virtual clock or
 * change the physics (a command delay in simulated time is a separate effect of the model).
 *
 * <p>Presets, from what was measured on an NVIDIA H200 (driver 580; docs/hal.md):
 * <ul>
 *   <li>{@code nvidia-smi}: one tool process is 30.5 ms and the backend runs one at a time; a cap
 *       or enable is {@code -pl} plus a verifying query (61 ms); one query (30.5 ms) serves every
 *       board's reading for 0.5 s ({@code cacheMaxAgeS}); a shed of N boards is one group command
 *       ({@code -i 0,1,… -pl W} and a query: 61 ms + N × 0.1 ms, as the sim's actuation models it,
 *       {@code io.sunsync.sim.scenario.Actuation}).</li>
 *   <li>{@code nvml}: a reading (power, temperature, limit) 5.8 µs; a set-limit with its read-back
 *       taken as 0.1 ms (not measured: the GPU was shared and no limit was changed); calls to
 *       different boards run at once.</li>
 *   <li>{@code none}: no cost.</li>
 * </ul>
 * Explicit values override the preset's.
 *
 * <pre>
 * hardware:
 *   backends:
 *     sim:
 *       wallLatency: {model: nvml}                  # or nvidia-smi, none
 *       wallLatency: {model: nvidia-smi, commandMs: 45}
 * </pre>
 *
 * @param model       the preset: {@code nvidia-smi}, {@code nvml} or {@code none}
 * @param commandMs   wall time of one command (setCap, setEnabled, reset), in ms
 * @param readMs      wall time of one reading, or of the one shared query when {@code readCacheMs} &gt; 0, in ms
 * @param readCacheMs one query serves every board's reading for this long (0: each reading pays), in ms
 * @param serial      true: one call at a time across all boards of the backend (a single tool);
 *                    false: calls to different boards overlap
 * @param groupSafeState  the boards are shed together by one command ({@code hal.accel.SafeStateGroup});
 *                        default true for {@code nvidia-smi}; needs {@code serial}
 * @param groupPerBoardMs what each board adds to that command, in ms (default
 *                        {@link io.sunsync.sim.scenario.Actuation#GROUP_PER_BOARD_MS})
 */
public record WallClockLatency(String model, Double commandMs, Double readMs, Double readCacheMs, Boolean serial,
                               Boolean groupSafeState, Double groupPerBoardMs) {
    public WallClockLatency {
        model = model == null ? "none" : model.trim().toLowerCase(Locale.ROOT);
        WallClockLatency preset = switch (model) {
            case "none" -> null;
            case "nvidia-smi" -> new WallClockLatency(61.0, 30.5, 500.0, true, true);
            case "nvml" -> new WallClockLatency(0.1, 0.0058, 0.0, false, false);
            default -> throw new ConfigException("model", "unknown latency model '" + model
                    + "'; available: nvidia-smi, nvml, none");
        };
        commandMs = ms("commandMs", commandMs, preset == null ? 0 : preset.commandMs());
        readMs = ms("readMs", readMs, preset == null ? 0 : preset.readMs());
        readCacheMs = ms("readCacheMs", readCacheMs, preset == null ? 0 : preset.readCacheMs());
        serial = serial != null ? serial : preset != null && preset.serial();
        if (Boolean.TRUE.equals(groupSafeState) && !serial) {
            throw new ConfigException("groupSafeState", "needs serial: true (one tool for every board)");
        }
        groupSafeState = groupSafeState != null ? groupSafeState : preset != null && preset.groupSafeState() && serial;
        groupPerBoardMs = ms("groupPerBoardMs", groupPerBoardMs, io.sunsync.sim.scenario.Actuation.GROUP_PER_BOARD_MS);
    }

    private WallClockLatency(double commandMs, double readMs, double readCacheMs, boolean serial, boolean group) {
        this("none", commandMs, readMs, readCacheMs, serial, group, null);
    }

    /** The preset called {@code model} ({@code nvidia-smi}, {@code nvml}, {@code none}). */
    public static WallClockLatency preset(String model) {
        return new WallClockLatency(model, null, null, null, null, null, null);
    }

    /** Wall time of one group command shedding {@code boards} boards, in ms. */
    public double groupCommandMs(int boards) {
        return commandMs + boards * groupPerBoardMs;
    }

    /** True when the model costs nothing. */
    public boolean free() {
        return commandMs == 0 && readMs == 0;
    }

    private static double ms(String key, Double v, double dflt) {
        double x = v == null ? dflt : v;
        if (!(x >= 0 && x <= 60_000)) {
            throw new ConfigException(key, "must be in [0, 60000] ms, was " + x);
        }
        return x;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s (command %s ms, read %s ms%s, %s%s)", model, commandMs, readMs,
                readCacheMs > 0 ? " per " + readCacheMs + " ms" : "", serial ? "one call at a time" : "concurrent",
                groupSafeState ? ", shed in one command of " + commandMs + " ms + " + groupPerBoardMs + " ms a board" : "");
    }
}
