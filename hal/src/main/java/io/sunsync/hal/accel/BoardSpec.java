package io.sunsync.hal.accel;

/**
 * Identity and ratings of an accelerator board.
 *
 * @param id            stable board id used in commands and telemetry, e.g. {@code board-07}
 * @param model         the hardware model, e.g. {@code NVIDIA H100 80GB HBM3}
 * @param index         the device index the driver uses (e.g. for {@code CUDA_VISIBLE_DEVICES})
 * @param minCapW       lowest power cap the board accepts, in W (&gt; 0)
 * @param maxCapW       highest power cap the board accepts, in W (&ge; minCapW)
 * @param idleW         power drawn when enabled and idle, in W
 * @param slowdownTempC temperature at which the hardware throttles itself, in °C
 */
public record BoardSpec(String id, String model, int index, double minCapW, double maxCapW,
                        double idleW, double slowdownTempC) {
    public BoardSpec {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("board id must be set");
        }
        if (!(minCapW > 0) || !(maxCapW >= minCapW)) {
            throw new IllegalArgumentException("board " + id + ": need 0 < minCapW <= maxCapW, was "
                    + minCapW + ".." + maxCapW);
        }
    }

    /** Clamps a requested cap into this board's range, in W. */
    public double clampCapW(double capW) {
        return Math.max(minCapW, Math.min(maxCapW, capW));
    }
}
