package io.sunsync.sim.orbit;

import java.time.Instant;

/**
 * Where the Sun is, seen from Earth's centre, in the mean equatorial frame of date: a unit
 * vector, the distance, and the right ascension of the mean Sun (which an SSO node follows).
 * Computed with the low-precision formulas of the <i>Astronomical Almanac</i> (section C,
 * "Sun, low precision": 0.01° in 1950-2050). Immutable.
 *
 * @param x               unit vector x (towards the vernal equinox)
 * @param y               unit vector y
 * @param z               unit vector z (towards the celestial north pole)
 * @param distanceAu      Sun distance, in astronomical units
 * @param meanSunRaRad    right ascension of the fictitious mean Sun, in rad (0..2π)
 * @param daysSinceJ2000  days since J2000.0 (2000-01-01T12:00 TT, taken as UTC here), for sidereal time
 */
public record SunPosition(double x, double y, double z, double distanceAu, double meanSunRaRad,
                          double daysSinceJ2000) {

    /** Solar irradiance at 1 AU, in W/m² (total solar irradiance, Kopp and Lean 2011, GRL 38 L01706). */
    public static final double SOLAR_CONSTANT_W_M2 = 1361.0;
    private static final double J2000_EPOCH_S = 946_728_000.0; // 2000-01-01T12:00:00Z

    /** The Sun at {@code t}. */
    public static SunPosition at(Instant t) {
        return atEpochSecond(t.getEpochSecond() + t.getNano() * 1e-9);
    }

    /** The Sun at {@code epochS} seconds since 1970-01-01T00:00Z. */
    public static SunPosition atEpochSecond(double epochS) {
        double n = (epochS - J2000_EPOCH_S) / 86_400.0;
        double meanLongitudeDeg = 280.460 + 0.9856474 * n;
        double g = Math.toRadians(357.528 + 0.9856003 * n);
        double lambda = Math.toRadians(meanLongitudeDeg + 1.915 * Math.sin(g) + 0.020 * Math.sin(2 * g));
        double eps = Math.toRadians(23.439 - 4.0e-7 * n);
        double sinL = Math.sin(lambda);
        double x = Math.cos(lambda);
        double y = Math.cos(eps) * sinL;
        double z = Math.sin(eps) * sinL;
        double r = 1.00014 - 0.01671 * Math.cos(g) - 0.00014 * Math.cos(2 * g);
        double ra = Math.toRadians(meanLongitudeDeg % 360.0);
        if (ra < 0) {
            ra += 2 * Math.PI;
        }
        return new SunPosition(x, y, z, r, ra, n);
    }

    /** Solar irradiance at this distance, 1361 W/m² / r², in W/m² (±3.4 % over the year). */
    public double irradianceWm2() {
        return SOLAR_CONSTANT_W_M2 / (distanceAu * distanceAu);
    }

    /** Greenwich mean sidereal time, in rad (IAU 1982 expression, linear term). */
    public double gmstRad() {
        double deg = (280.46061837 + 360.98564736629 * daysSinceJ2000) % 360.0;
        return Math.toRadians(deg < 0 ? deg + 360 : deg);
    }
}
