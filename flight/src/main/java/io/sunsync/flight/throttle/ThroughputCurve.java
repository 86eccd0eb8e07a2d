package io.sunsync.flight.throttle;

import io.sunsync.hal.config.ConfigException;
import java.util.ArrayList;
import java.util.List;

/**
 * A board's useful throughput as a function of its power cap, both as fractions of the board's
 * maximum: piecewise linear through {@link #points()}, monotone, and concave from the first
 * point on (diminishing returns near the top), with f(0) = 0 for a board that is off. The step
 * from off to the first point may be less steep than what follows (a board has a fixed idle
 * cost before it does useful work); the allocator then treats switching on as one step up to
 * the cap with the best work per watt. Immutable.
 *
 * @param points breakpoints in increasing cap order; the last must be at cap fraction 1.0
 */
public record ThroughputCurve(List<Point> points) {

    /**
     * One breakpoint.
     *
     * @param cap        cap as a fraction of the board's maximum cap (0, 1]
     * @param throughput throughput as a fraction of the board's throughput at its maximum cap [0, 1]
     */
    public record Point(double cap, double throughput) {
    }

    /**
     * A curve for data-centre GPUs under power capping, scaled from published H100 data (700 → 600
     * W costs about 10 % of training throughput); the sim harness's reference boards use the same.
     */
    public static ThroughputCurve defaultCurve() {
        return new ThroughputCurve(List.of(new Point(0.4, 0.43), new Point(0.5, 0.55), new Point(0.6, 0.66),
                new Point(0.7, 0.76), new Point(0.8, 0.85), new Point(0.9, 0.93), new Point(1.0, 1.0)));
    }

    public ThroughputCurve {
        if (points == null || points.isEmpty()) {
            throw new ConfigException("points", "at least one point is needed");
        }
        points = List.copyOf(points);
        double prevCap = 0;
        double prevThroughput = 0;
        double prevSlope = Double.POSITIVE_INFINITY;
        for (int i = 0; i < points.size(); i++) {
            Point p = points.get(i);
            if (!(p.cap() > prevCap) || p.cap() > 1.0) {
                throw new ConfigException("points[" + i + "].cap", "caps must increase strictly within (0, 1], was " + p.cap());
            }
            if (!(p.throughput() >= prevThroughput) || p.throughput() > 1.0) {
                throw new ConfigException("points[" + i + "].throughput",
                        "throughput must not decrease and stay within [0, 1], was " + p.throughput());
            }
            double slope = (p.throughput() - prevThroughput) / (p.cap() - prevCap);
            if (i >= 2 && slope > prevSlope + 1e-9) {
                throw new ConfigException("points[" + i + "]",
                        "the curve must be concave from its first point on (each segment no steeper than the one before)");
            }
            prevSlope = i == 0 ? Double.POSITIVE_INFINITY : slope;
            prevCap = p.cap();
            prevThroughput = p.throughput();
        }
        if (Math.abs(prevCap - 1.0) > 1e-12) {
            throw new ConfigException("points", "the last point must be at cap 1.0");
        }
    }

    /** Throughput fraction at cap fraction {@code cap} (0 at or below 0, linear between points). */
    public double throughputAt(double cap) {
        if (cap <= 0) {
            return 0;
        }
        double prevCap = 0;
        double prevThroughput = 0;
        for (Point p : points) {
            if (cap <= p.cap()) {
                return prevThroughput + (p.throughput() - prevThroughput) * (cap - prevCap) / (p.cap() - prevCap);
            }
            prevCap = p.cap();
            prevThroughput = p.throughput();
        }
        return points.get(points.size() - 1).throughput();
    }

    /** The cap fractions where the slope changes, above {@code fromCap} and up to 1.0, ascending. */
    List<Double> breakpointsAbove(double fromCap) {
        List<Double> out = new ArrayList<>();
        for (Point p : points) {
            if (p.cap() > fromCap + 1e-12) {
                out.add(p.cap());
            }
        }
        return out;
    }
}
