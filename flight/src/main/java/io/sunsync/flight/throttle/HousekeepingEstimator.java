package io.sunsync.flight.throttle;

/**
 * The bus load that is not the boards (avionics, pumps, heaters), measured as bus load minus
 * the boards' draw and smoothed. A sample from a flagged or implausible sensor is ignored, and
 * a sudden jump is believed only once it has persisted {@link #PERSIST} samples, so one wild
 * reading can never starve (or flood) the boards' budget. Control thread only.
 */
final class HousekeepingEstimator {
    /** Samples a new level must persist before it is believed. */
    static final int PERSIST = 30;

    private final double maxPlausibleW;
    private double estimateW = Double.NaN;
    private double pendingW = Double.NaN;
    private int pendingCount;

    /** @param maxPlausibleW no housekeeping load is above this (e.g. a quarter of the array rating), in W */
    HousekeepingEstimator(double maxPlausibleW) {
        this.maxPlausibleW = maxPlausibleW;
    }

    /**
     * Feeds one sample.
     *
     * @param sampleW bus load minus the boards' draw, in W, or NaN when a sensor behind it is bad
     * @return the estimate, in W (0 before the first good sample)
     */
    double update(double sampleW) {
        if (!Double.isFinite(sampleW) || sampleW < -0.05 * maxPlausibleW || sampleW > maxPlausibleW) {
            return current();
        }
        double s = Math.max(0, sampleW);
        if (Double.isNaN(estimateW)) {
            estimateW = s;
            return estimateW;
        }
        double jump = Math.abs(s - estimateW);
        if (jump > Math.max(500, 0.5 * estimateW)) {
            // A step: a load switched on or off, or a sensor gone wrong. Believe it if it stays.
            if (!Double.isNaN(pendingW) && Math.abs(s - pendingW) <= Math.max(500, 0.5 * pendingW)) {
                pendingCount++;
            } else {
                pendingW = s;
                pendingCount = 1;
            }
            if (pendingCount >= PERSIST) {
                estimateW = s;
                pendingW = Double.NaN;
                pendingCount = 0;
            }
            return estimateW;
        }
        pendingW = Double.NaN;
        pendingCount = 0;
        estimateW = 0.8 * estimateW + 0.2 * s;
        return estimateW;
    }

    double current() {
        return Double.isNaN(estimateW) ? 0 : estimateW;
    }
}
