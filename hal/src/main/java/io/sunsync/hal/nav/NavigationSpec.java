package io.sunsync.hal.nav;

/**
 * A navigation receiver's ratings.
 *
 * @param positionSigmaM   one-sigma position error of a good solution, per axis, in m (&gt; 0)
 * @param velocitySigmaMps one-sigma velocity error of a good solution, per axis, in m/s (&gt; 0)
 * @param maxFixAgeS       a solution older than this, relative to the sample time, is stale, in s (&gt; 0)
 */
public record NavigationSpec(double positionSigmaM, double velocitySigmaMps, double maxFixAgeS) {
    public NavigationSpec {
        if (!(positionSigmaM > 0) || Double.isInfinite(positionSigmaM)) {
            throw new IllegalArgumentException("positionSigmaM must be a positive finite number, was " + positionSigmaM);
        }
        if (!(velocitySigmaMps > 0) || Double.isInfinite(velocitySigmaMps)) {
            throw new IllegalArgumentException("velocitySigmaMps must be a positive finite number, was " + velocitySigmaMps);
        }
        if (!(maxFixAgeS > 0) || Double.isInfinite(maxFixAgeS)) {
            throw new IllegalArgumentException("maxFixAgeS must be a positive finite number, was " + maxFixAgeS);
        }
    }
}
