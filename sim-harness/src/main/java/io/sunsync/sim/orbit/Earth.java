package io.sunsync.sim.orbit;

/**
 * Earth constants used by the orbit models (WGS-84 / EGM-96 values, as in Vallado,
 * <i>Fundamentals of Astrodynamics and Applications</i>, 4th ed., appendix D). Constants only.
 */
public final class Earth {
    /** Gravitational parameter μ, in m³/s². */
    public static final double MU_M3_S2 = 3.986004418e14;
    /** Equatorial radius, in m. */
    public static final double RADIUS_M = 6_378_137.0;
    /** WGS-84 flattening f = (a − b)/a (dimensionless); the polar radius is a (1 − f) = 6356.752 km. */
    public static final double FLATTENING = 1.0 / 298.257223563;
    /** Second zonal harmonic J2 (dimensionless). */
    public static final double J2 = 1.08262668e-3;
    /** Length of the tropical year, in s (365.2421897 days). */
    public static final double TROPICAL_YEAR_S = 365.2421897 * 86_400.0;
    /** Nodal precession rate of a sun-synchronous orbit, 2π per tropical year, in rad/s. */
    public static final double SUN_SYNC_NODE_RATE_RAD_S = 2 * Math.PI / TROPICAL_YEAR_S;

    private Earth() {
    }
}
