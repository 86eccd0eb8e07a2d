package io.sunsync.orbit;

/**
 * What one satellite's elements must look like to be flown ({@link ElementSet#check}): its
 * catalogue number, how old and how far in the future the epoch may be, and the ranges of mean
 * motion, eccentricity and inclination it can have. Immutable.
 *
 * @param noradId                the catalogue number, or null to accept any
 * @param maxAgeDays             oldest epoch accepted, in days before now (&gt; 0)
 * @param maxFutureS             latest epoch accepted, in s after now (&ge; 0; covers clock differences)
 * @param minMeanMotionRevPerDay lowest mean motion, in rev/day
 * @param maxMeanMotionRevPerDay highest mean motion, in rev/day
 * @param maxEccentricity        highest eccentricity (0..1)
 * @param minInclinationDeg      lowest inclination, in degrees
 * @param maxInclinationDeg      highest inclination, in degrees
 */
public record ElementsLimits(Integer noradId, double maxAgeDays, double maxFutureS, double minMeanMotionRevPerDay,
                             double maxMeanMotionRevPerDay, double maxEccentricity, double minInclinationDeg,
                             double maxInclinationDeg) {
    public ElementsLimits {
        if (!(maxAgeDays > 0)) {
            throw new IllegalArgumentException("maxAgeDays must be > 0, was " + maxAgeDays);
        }
        if (!(maxFutureS >= 0)) {
            throw new IllegalArgumentException("maxFutureS must be >= 0, was " + maxFutureS);
        }
        if (!(minMeanMotionRevPerDay > 0 && minMeanMotionRevPerDay < maxMeanMotionRevPerDay)) {
            throw new IllegalArgumentException("mean motion range must be 0 < min < max, was [" + minMeanMotionRevPerDay
                    + ", " + maxMeanMotionRevPerDay + "]");
        }
        if (!(maxEccentricity >= 0 && maxEccentricity < 1)) {
            throw new IllegalArgumentException("maxEccentricity must be in [0, 1), was " + maxEccentricity);
        }
        if (!(minInclinationDeg >= 0 && minInclinationDeg < maxInclinationDeg && maxInclinationDeg <= 180)) {
            throw new IllegalArgumentException("inclination range must be 0 <= min < max <= 180, was [" + minInclinationDeg
                    + ", " + maxInclinationDeg + "]");
        }
    }
}
