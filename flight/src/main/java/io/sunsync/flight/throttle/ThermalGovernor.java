package io.sunsync.flight.throttle;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Brings caps down before the hardware throttles itself: a board's allowed cap falls linearly
 * from its maximum at {@code slowdown − softMargin} to its minimum at {@code slowdown −
 * hardMargin}, judged on its temperature extrapolated {@code lookahead} seconds along its
 * recent trend; above that the board must be off. Keeps one trend per board; called on the
 * control thread.
 */
public final class ThermalGovernor {
    private final ThrottlerConfig config;
    private final Map<String, Sample> last = new HashMap<>();

    private record Sample(Instant t, double tempC, double slopeCPerS) {
    }

    public ThermalGovernor(ThrottlerConfig config) {
        this.config = config;
    }

    /**
     * The highest cap allowed for a board now, in W (below {@code minCapW} means: switch it off).
     *
     * @param boardId       board id
     * @param now           mission time
     * @param tempC         die temperature now (NaN if unknown: no thermal limit applied here; FDIR handles the sensor)
     * @param slowdownTempC the board's hardware slowdown temperature
     * @param minCapW       the board's minimum cap
     * @param maxCapW       the board's maximum cap
     */
    public double limitCapW(String boardId, Instant now, double tempC, double slowdownTempC, double minCapW,
                            double maxCapW) {
        if (!Double.isFinite(tempC)) {
            return maxCapW;
        }
        Sample prev = last.get(boardId);
        double slope = 0;
        if (prev != null) {
            double dt = Duration.between(prev.t(), now).toMillis() / 1000.0;
            if (dt > 0) {
                double raw = (tempC - prev.tempC()) / dt;
                slope = 0.7 * prev.slopeCPerS() + 0.3 * raw; // smoothed: sensor noise must not slam caps
            } else {
                slope = prev.slopeCPerS();
            }
        }
        last.put(boardId, new Sample(now, tempC, slope));
        double predicted = tempC + Math.max(0, slope) * config.thermalLookaheadS();
        double soft = slowdownTempC - config.thermalSoftMarginC();
        double hard = slowdownTempC - config.thermalHardMarginC();
        if (predicted <= soft) {
            return maxCapW;
        }
        if (predicted >= hard) {
            return tempC >= hard ? 0 : minCapW;
        }
        return maxCapW - (maxCapW - minCapW) * (predicted - soft) / (hard - soft);
    }
}
