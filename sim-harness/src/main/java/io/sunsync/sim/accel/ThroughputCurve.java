package io.sunsync.sim.accel;

import io.sunsync.sim.scenario.CurvePoint;
import java.util.List;

/**
 * A board's useful throughput as a function of the power it draws: piecewise linear through
 * the configured points on [minCapW, maxCapW], linear from (idleW, 0) up to the first point
 * (a board slowed below its lowest cap), zero at or below idle. Concave and non-decreasing on
 * [idleW, maxCapW] (checked at construction). Immutable; thread safe.
 */
public final class ThroughputCurve {
    private final double idleW;
    private final double[] powerW;
    private final double[] relative;
    private final double[] slope;

    /**
     * @param idleW   power at which the board does no work, in W
     * @param minCapW lowest cap, in W: the first point's power
     * @param maxCapW highest cap, in W: the last point's power
     * @param points  ascending in power, the first at {@code minCapW}, the last at {@code maxCapW}
     * @throws IllegalArgumentException when the points are not ascending, do not span the cap range,
     *                                  or make the curve non-concave or decreasing
     */
    public ThroughputCurve(double idleW, double minCapW, double maxCapW, List<CurvePoint> points) {
        if (points == null || points.isEmpty()) {
            throw new IllegalArgumentException("needs at least one point");
        }
        int n = points.size();
        this.idleW = idleW;
        this.powerW = new double[n + 1];
        this.relative = new double[n + 1];
        powerW[0] = idleW;
        relative[0] = 0;
        for (int i = 0; i < n; i++) {
            CurvePoint p = points.get(i);
            if (p == null || !Double.isFinite(p.powerW()) || !Double.isFinite(p.relative())) {
                throw new IllegalArgumentException("point " + i + " is missing or not finite");
            }
            powerW[i + 1] = p.powerW();
            relative[i + 1] = p.relative();
        }
        if (Math.abs(powerW[1] - minCapW) > 1e-9 || Math.abs(powerW[n] - maxCapW) > 1e-9) {
            throw new IllegalArgumentException("points must run from minCapW " + minCapW + " W to maxCapW " + maxCapW
                    + " W, ran from " + powerW[1] + " to " + powerW[n]);
        }
        slope = new double[n];
        for (int i = 0; i < n; i++) {
            double dp = powerW[i + 1] - powerW[i];
            if (!(dp > 0)) {
                throw new IllegalArgumentException("point powers must be strictly ascending and above idleW, at point " + i);
            }
            slope[i] = (relative[i + 1] - relative[i]) / dp;
            if (slope[i] < 0) {
                throw new IllegalArgumentException("throughput must not fall as power rises, at point " + i);
            }
            if (i > 0 && slope[i] > slope[i - 1] + 1e-12) {
                throw new IllegalArgumentException("throughput must be concave (diminishing returns), at point " + (i - 1)
                        + " (" + powerW[i] + " W)");
            }
        }
    }

    /** Relative throughput at {@code drawW} watts (0 at or below idle, capped at the last point). */
    public double relativeAt(double drawW) {
        if (drawW <= idleW) {
            return 0.0;
        }
        int last = powerW.length - 1;
        if (drawW >= powerW[last]) {
            return relative[last];
        }
        int i = 0;
        while (drawW > powerW[i + 1]) {
            i++;
        }
        return relative[i] + slope[i] * (drawW - powerW[i]);
    }

    /** The curve's breakpoints' powers, idle first, in W (a copy). */
    public double[] powersW() {
        return powerW.clone();
    }

    /** The curve's breakpoints' relative throughputs, 0 at idle first (a copy). */
    public double[] relatives() {
        return relative.clone();
    }

    /** Power at which the board does no work, in W. */
    public double idleW() {
        return idleW;
    }

    /** Highest power on the curve (the maximum cap), in W. */
    public double maxW() {
        return powerW[powerW.length - 1];
    }

    /** Lowest cap, in W. */
    public double minCapW() {
        return powerW[1];
    }

    /**
     * The concave envelope of a board that may also be switched off (0 W, no work): the
     * tightest concave function over {0} ∪ [minCapW, maxCapW] that lies above the board's
     * throughput, as breakpoints {@code {powerW[], relative[]}} starting at (0, 0). Used by the
     * oracle: with boards time-shared between off and a cap, this is what a fleet can reach.
     */
    public double[][] envelopeWithOff() {
        return envelopeWithOff(0);
    }

    /**
     * The same for a board that draws {@code offW} when switched off (its idle power, where the
     * driver cannot power it off): breakpoints starting at ({@code offW}, 0).
     *
     * @param offW what an off board draws, in W, in [0, minCapW)
     */
    public double[][] envelopeWithOff(double offW) {
        if (!(offW >= 0 && offW < powerW[1])) {
            throw new IllegalArgumentException("offW must be in [0, minCapW), was " + offW);
        }
        // Upper hull of (offW, 0) and the points on [minCap, maxCap].
        int n = powerW.length - 1;
        double[] xs = new double[n + 1];
        double[] ys = new double[n + 1];
        xs[0] = offW;
        ys[0] = 0;
        for (int i = 1; i <= n; i++) {
            xs[i] = powerW[i];
            ys[i] = relative[i];
        }
        int[] hull = new int[n + 1];
        int h = 0;
        for (int i = 0; i <= n; i++) {
            while (h >= 2 && cross(xs, ys, hull[h - 2], hull[h - 1], i) >= 0) {
                h--;
            }
            hull[h++] = i;
        }
        double[][] out = new double[2][h];
        for (int k = 0; k < h; k++) {
            out[0][k] = xs[hull[k]];
            out[1][k] = ys[hull[k]];
        }
        return out;
    }

    private static double cross(double[] x, double[] y, int a, int b, int c) {
        return (x[b] - x[a]) * (y[c] - y[a]) - (y[b] - y[a]) * (x[c] - x[a]);
    }
}
