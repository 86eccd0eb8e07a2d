package io.sunsync.sim.orbit;

import java.time.Instant;

/**
 * Position and velocity of the satellite at one instant in a named frame. Immutable.
 *
 * @param t     the instant (UTC)
 * @param frame the frame: {@code EME2000} (inertial, J2000 equator and equinox), {@code ITRF}
 *              (Earth-fixed, what a GNSS receiver reports; WGS-84 to well under a metre) or
 *              {@code MOD} (mean equator and equinox of date, the sim's own)
 * @param xM    position x, in m
 * @param yM    position y, in m
 * @param zM    position z, in m
 * @param vxMps velocity x, in m/s
 * @param vyMps velocity y, in m/s
 * @param vzMps velocity z, in m/s
 */
public record StateVector(Instant t, String frame, double xM, double yM, double zM, double vxMps, double vyMps,
                          double vzMps) {
    /** Distance from the Earth's centre, in m. */
    public double radiusM() {
        return Math.sqrt(xM * xM + yM * yM + zM * zM);
    }

    /** Speed, in m/s. */
    public double speedMps() {
        return Math.sqrt(vxMps * vxMps + vyMps * vyMps + vzMps * vzMps);
    }
}
