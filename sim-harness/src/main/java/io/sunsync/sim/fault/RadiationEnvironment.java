package io.sunsync.sim.fault;

import io.sunsync.sim.scenario.Scenario;

/**
 * Where upsets are more likely: a rate factor by sub-satellite point. The South Atlantic
 * Anomaly is taken as an ellipse centred at 27° S, 40° W spanning ±20° latitude and ±55°
 * longitude (the AP-8/AE-8 proton flux contours at 500-800 km; e.g. Heirtzler, JASTP 64, 2002);
 * the polar horns of the outer belt as the latitude bands 55°-75° N and S. Immutable.
 *
 * @param saaFactor  rate factor inside the anomaly
 * @param hornFactor rate factor inside the horns
 */
public record RadiationEnvironment(double saaFactor, double hornFactor) {

    /** From a scenario's radiation section. */
    public static RadiationEnvironment of(Scenario.Radiation r) {
        return new RadiationEnvironment(r.saaFactor(), r.hornFactor());
    }

    /** True inside the South Atlantic Anomaly. */
    public static boolean inSaa(double latDeg, double lonDeg) {
        double dLat = (latDeg + 27.0) / 20.0;
        double dLon = (lonDeg + 40.0) / 55.0;
        return dLat * dLat + dLon * dLon <= 1.0;
    }

    /** True inside a polar horn. */
    public static boolean inHorn(double latDeg) {
        double a = Math.abs(latDeg);
        return a >= 55.0 && a <= 75.0;
    }

    /** The upset-rate factor at a sub-satellite point (1 outside both regions). */
    public double factor(double latDeg, double lonDeg) {
        if (inSaa(latDeg, lonDeg)) {
            return saaFactor;
        }
        return inHorn(latDeg) ? hornFactor : 1.0;
    }

    /** The largest factor anywhere. */
    public double maxFactor() {
        return Math.max(1.0, Math.max(saaFactor, hornFactor));
    }
}
