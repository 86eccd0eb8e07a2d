package io.sunsync.sim.scenario;

import static io.sunsync.sim.scenario.Bounds.between;

import io.sunsync.hal.config.ConfigException;

/**
 * How commands reach the boards and how the boards follow them, in simulated time (the sources
 * of each figure are in {@code docs/sim-harness.md#actuation}). Each effect is on unless switched
 * off here; {@link #ideal()} applies every command at once, exactly.
 *
 * <p>Presets by {@code backend}, from what was measured on an NVIDIA H200 (driver 580; docs/hal.md):
 * <ul>
 *   <li>{@code nvml} (the default; the backend a satellite flies): a set-limit with its read-back
 *       keeps the board's lane 0.1 ms and takes effect at its end; commands to different boards run
 *       at once;</li>
 *   <li>{@code nvidia-smi}: a command is {@code nvidia-smi -pl} (one 30.5 ms process, after which
 *       the limit is in force) and a verifying query (another 30.5 ms), 61 ms in all, and the one
 *       tool runs one process at a time for every board; a shed of N boards is one group command
 *       ({@code nvidia-smi -i 0,1,… -pl W} and one query: 61 ms + N × 0.1 ms, in force at
 *       30.5 ms + N × 0.1 ms);</li>
 *   <li>{@code ideal}: no latency, no time constant, a disabled board draws nothing.</li>
 * </ul>
 * Explicit values override the preset's.
 *
 * @param backend           the preset: {@code nvml}, {@code nvidia-smi} or {@code ideal} (default {@code nvml})
 * @param commandMs         how long one command keeps the backend busy (a board's lane, or the whole
 *                          tool when {@code serial}), in ms of simulated time
 * @param effectMs          when, after a command starts, the setting is in force, in ms (at most
 *                          {@code commandMs})
 * @param serial            true: one command at a time across every board of the backend (one tool);
 *                          false: commands to different boards overlap, each board's in order
 * @param capTimeConstantS  the board's draw follows a new cap (or a new state) as a first-order lag
 *                          with this time constant, in s (0: at once; default 0.1 for the GPU presets)
 * @param disabledDrawsIdle a board switched off by command still draws its idle power: the GPU driver
 *                          cannot power a GPU off, "disabled" is the lowest cap with no work admitted
 *                          (default true for the GPU presets)
 * @param groupSafeState    the backend switches a group of boards off in one command
 *                          ({@code hal.accel.SafeStateGroup}): a shed of N boards keeps the tool
 *                          {@code commandMs} + N × {@code groupPerBoardMs} and is in force
 *                          {@code effectMs} + N × {@code groupPerBoardMs} after it starts, ahead of every
 *                          command waiting (default true for {@code nvidia-smi}; needs {@code serial})
 * @param groupPerBoardMs   what each board adds to a group command, in ms (default 0.1: the set-limit
 *                          call the tool makes for each GPU, as the {@code nvml} preset's command)
 */
public record Actuation(String backend, Double commandMs, Double effectMs, Boolean serial,
                        Double capTimeConstantS, Boolean disabledDrawsIdle, Boolean groupSafeState,
                        Double groupPerBoardMs) {
    /** What one board adds to a group command of the {@code nvidia-smi} preset, in ms (an assumption; docs/sim-harness.md). */
    public static final double GROUP_PER_BOARD_MS = 0.1;
    /** The GPU presets' time constant of the draw following a new cap, in s. */
    public static final double GPU_CAP_TIME_CONSTANT_S = 0.1;

    public Actuation {
        backend = backend == null ? "nvml" : backend.trim().toLowerCase(java.util.Locale.ROOT);
        double[] preset = switch (backend) {
            case "nvml" -> new double[] {0.1, 0.1, 0, GPU_CAP_TIME_CONSTANT_S, 1, 0};
            case "nvidia-smi" -> new double[] {61.0, 30.5, 1, GPU_CAP_TIME_CONSTANT_S, 1, 1};
            case "ideal" -> new double[] {0, 0, 0, 0, 0, 0};
            default -> throw new ConfigException("backend", "unknown actuation backend '" + backend
                    + "'; available: nvml, nvidia-smi, ideal");
        };
        commandMs = between("commandMs", commandMs, preset[0], 0, 60_000);
        effectMs = between("effectMs", effectMs, Math.min(preset[1], commandMs), 0, 60_000);
        if (effectMs > commandMs) {
            throw new ConfigException("effectMs", "must be at most commandMs (" + commandMs + " ms), was " + effectMs);
        }
        serial = serial == null ? preset[2] != 0 : serial;
        capTimeConstantS = between("capTimeConstantS", capTimeConstantS, preset[3], 0, 60);
        disabledDrawsIdle = disabledDrawsIdle == null ? preset[4] != 0 : disabledDrawsIdle;
        if (Boolean.TRUE.equals(groupSafeState) && !serial) {
            throw new ConfigException("groupSafeState", "needs serial: true (one tool for every board)");
        }
        groupSafeState = groupSafeState == null ? preset[5] != 0 && serial : groupSafeState;
        groupPerBoardMs = between("groupPerBoardMs", groupPerBoardMs, GROUP_PER_BOARD_MS, 0, 60_000);
    }

    /** Every command in force the moment it is given; a disabled board draws nothing. */
    public static Actuation ideal() {
        return new Actuation("ideal", null, null, null, null, null, null, null);
    }

    /** The preset of {@code backend} ({@code nvml}, {@code nvidia-smi}, {@code ideal}). */
    public static Actuation preset(String backend) {
        return new Actuation(backend, null, null, null, null, null, null, null);
    }

    /**
     * When a group command switching off {@code boards} boards is in force after it is given to an
     * idle tool, in ms: {@code effectMs} + boards × {@code groupPerBoardMs}.
     */
    public double groupEffectMs(int boards) {
        return effectMs + boards * groupPerBoardMs;
    }

    /** How long a group command switching off {@code boards} boards keeps the tool, in ms. */
    public double groupCommandMs(int boards) {
        return commandMs + boards * groupPerBoardMs;
    }

    /** True when commands take effect at once and exactly. */
    public boolean instant() {
        return commandMs == 0 && capTimeConstantS == 0;
    }
}
