package io.sunsync.hal.accel;

import io.sunsync.hal.HalFault;
import io.sunsync.hal.Quality;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One sample of an accelerator board.
 *
 * @param at               when the sample was taken
 * @param boardId          the board's id
 * @param state            operational state
 * @param powerW           power drawn now, in W
 * @param capW             power cap in force now, in W
 * @param tempC            die temperature, in °C
 * @param utilizationPct   busy fraction over the last sample period, in % (0..100)
 * @param workUnits        cumulative useful work delivered since start, in work units (NaN where the
 *                         backend cannot measure it; the sim measures it exactly)
 * @param eccUncorrected   count of uncorrectable memory errors since the driver loaded
 * @param throttleReasons  why clocks are held down now (empty when running freely)
 * @param quality          the worst quality of the quantities above
 * @param faults           faults seen while sampling
 */
public record BoardReading(Instant at, String boardId, BoardState state, double powerW, double capW,
                           double tempC, double utilizationPct, double workUnits, long eccUncorrected,
                           Set<ThrottleReason> throttleReasons, Quality quality, List<HalFault> faults) {
    public BoardReading {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(boardId, "boardId");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(quality, "quality");
        throttleReasons = Set.copyOf(throttleReasons);
        faults = List.copyOf(faults);
    }

    /**
     * The measured power, or NaN where this reading flags it ({@link HalFault} on {@code powerW}: out
     * of its physical range, stuck, unreadable): what may be added up or planned with. A power
     * sensor reading -1 MW, flagged as such, summed into the boards' draw took every board off for
     * the rest of an eclipse.
     */
    public double trustedPowerW() {
        return HalFault.trustedOrNaN(faults, "powerW", powerW);
    }

    /** The die temperature, or NaN where this reading flags it (as {@link #trustedPowerW}). */
    public double trustedTempC() {
        return HalFault.trustedOrNaN(faults, "tempC", tempC);
    }

    /**
     * A sample in which nothing could be measured: every quantity NaN (ECC count 0, no throttle
     * reasons), with the quality and faults that say why.
     */
    public static BoardReading unreadable(Instant at, String boardId, BoardState state, Quality quality,
                                          List<HalFault> faults) {
        return new BoardReading(at, boardId, state, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0,
                Set.of(), quality, faults);
    }
}
