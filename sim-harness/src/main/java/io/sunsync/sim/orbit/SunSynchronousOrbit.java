package io.sunsync.sim.orbit;

/**
 * A circular sun-synchronous orbit: the altitude sets the period and, through J2, the
 * inclination at which the orbit plane turns once a year with the mean Sun; the local time of
 * the ascending node (LTAN) sets where that plane sits relative to the Sun (18:00 = dawn-dusk).
 * Immutable; thread safe.
 *
 * @param altitudeKm altitude above the equatorial radius, in km (160..2000)
 * @param ltanHours  local mean solar time of the ascending node, in hours (0 ≤ ltan &lt; 24)
 */
public record SunSynchronousOrbit(double altitudeKm, double ltanHours) {

    public SunSynchronousOrbit {
        if (!(altitudeKm >= 160 && altitudeKm <= 2000)) {
            throw new IllegalArgumentException("altitudeKm must be a low Earth orbit altitude in [160, 2000] km, was "
                    + altitudeKm);
        }
        if (!(ltanHours >= 0 && ltanHours < 24)) {
            throw new IllegalArgumentException("ltanHours must be in [0, 24), was " + ltanHours);
        }
    }

    /** Parses an LTAN written as {@code HH:MM} (e.g. {@code 18:00}) into hours. */
    public static double parseLtan(String hhmm) {
        String[] parts = hhmm == null ? new String[0] : hhmm.trim().split(":");
        if (parts.length != 2) {
            throw new IllegalArgumentException("LTAN must be HH:MM, was '" + hhmm + "'");
        }
        try {
            int h = Integer.parseInt(parts[0]);
            int m = Integer.parseInt(parts[1]);
            if (h < 0 || h > 23 || m < 0 || m > 59) {
                throw new IllegalArgumentException("LTAN must be HH:MM between 00:00 and 23:59, was '" + hhmm + "'");
            }
            return h + m / 60.0;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("LTAN must be HH:MM, was '" + hhmm + "'", e);
        }
    }

    /** Semi-major axis (= radius, the orbit is circular), in m. */
    public double semiMajorAxisM() {
        return Earth.RADIUS_M + altitudeKm * 1000.0;
    }

    /** Keplerian period 2π √(a³/μ), in s. */
    public double periodS() {
        double a = semiMajorAxisM();
        return 2 * Math.PI * Math.sqrt(a * a * a / Earth.MU_M3_S2);
    }

    /** Mean motion 2π / period, in rad/s. */
    public double meanMotionRadS() {
        double a = semiMajorAxisM();
        return Math.sqrt(Earth.MU_M3_S2 / (a * a * a));
    }

    /**
     * Sun-synchronous inclination from the J2 nodal precession of a circular orbit:
     * dΩ/dt = −(3/2) J2 (R/a)² n cos i = 2π / tropical year, so
     * cos i = −(2/3) (dΩ/dt) / (J2 (R/a)² n). In degrees (&gt; 90: retrograde).
     */
    public double inclinationDeg() {
        double a = semiMajorAxisM();
        double ratio = Earth.RADIUS_M / a;
        double cosI = -(2.0 / 3.0) * Earth.SUN_SYNC_NODE_RATE_RAD_S / (Earth.J2 * ratio * ratio * meanMotionRadS());
        return Math.toDegrees(Math.acos(cosI));
    }

    /** The J2 nodal precession rate at {@link #inclinationDeg()}, in rad/s (equals the Sun's mean motion). */
    public double nodeRateRadS() {
        double a = semiMajorAxisM();
        double ratio = Earth.RADIUS_M / a;
        return -1.5 * Earth.J2 * ratio * ratio * meanMotionRadS() * Math.cos(Math.toRadians(inclinationDeg()));
    }

    /** Beta angle above which a circular orbit at this altitude sees no eclipse: asin(R/a), in degrees. */
    public double criticalBetaDeg() {
        return Math.toDegrees(EclipseGeometry.criticalBetaRad(semiMajorAxisM()));
    }
}
