package io.sunsync.flight.throttle;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Brings caps down before the hardware throttles itself: a board's allowed cap falls linearly
 * from its maximum at {@code slowdown − softMargin} to its minimum at {@code slowdown −
 * hardMargin}, judged on its temperature extrapolated {@code lookahead} seconds along its
 * recent trend; above that the board must be off. The trend is a least-squares line through the
 * readings of the last {@code lookahead} seconds: board sensors read in whole degrees (NVML), and
 * the slope of the last two readings turned each 1 °C step of a steady board into a predicted rise
 * of 9 °C, derating boards that were 10 °C below their slowdown (2.5 % of the work of a day in full
 * Sun against a controller with no governor, which broke no limit). Keeps one trend per board;
 * called on the control thread.
 */
public final class ThermalGovernor {
    /** The most readings a trend is fitted through. */
    static final int MAX_SAMPLES = 64;

    private final ThrottlerConfig config;
    private final Map<String, Trend> trends = new HashMap<>();

    /** One board's recent readings, oldest first (a ring). */
    private static final class Trend {
        final double[] tS = new double[MAX_SAMPLES];
        final double[] tempC = new double[MAX_SAMPLES];
        int head;
        int count;
        Instant origin;

        void add(Instant now, double temp, double windowS) {
            if (origin == null) {
                origin = now;
            }
            double t = Duration.between(origin, now).toNanos() / 1e9;
            if (count > 0 && t <= tS[(head + count - 1) % MAX_SAMPLES]) {
                return; // the same tick again: nothing new
            }
            if (count == MAX_SAMPLES) {
                head = (head + 1) % MAX_SAMPLES;
                count--;
            }
            tS[(head + count) % MAX_SAMPLES] = t;
            tempC[(head + count) % MAX_SAMPLES] = temp;
            count++;
            while (count > 2 && t - tS[head] > windowS) {
                head = (head + 1) % MAX_SAMPLES;
                count--;
            }
        }

        /** Least-squares slope through the readings held, in °C/s (0 with fewer than two). */
        double slopeCPerS() {
            if (count < 2) {
                return 0;
            }
            double mt = 0;
            double mc = 0;
            for (int i = 0; i < count; i++) {
                mt += tS[(head + i) % MAX_SAMPLES];
                mc += tempC[(head + i) % MAX_SAMPLES];
            }
            mt /= count;
            mc /= count;
            double sxy = 0;
            double sxx = 0;
            for (int i = 0; i < count; i++) {
                double dt = tS[(head + i) % MAX_SAMPLES] - mt;
                sxy += dt * (tempC[(head + i) % MAX_SAMPLES] - mc);
                sxx += dt * dt;
            }
            return sxx > 0 ? sxy / sxx : 0;
        }
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
        Trend trend = trends.computeIfAbsent(boardId, k -> new Trend());
        trend.add(now, tempC, Math.max(1, config.thermalLookaheadS()));
        double predicted = tempC + Math.max(0, trend.slopeCPerS()) * config.thermalLookaheadS();
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
