package io.sunsync.sim.orbit;

/**
 * The cylindrical shadow model: Earth's shadow is a cylinder of Earth's equatorial radius
 * along the anti-Sun direction (no penumbra; the umbra cone's convergence, about 0.5° at LEO,
 * is neglected). Stateless functions; thread safe.
 */
public final class EclipseGeometry {
    private EclipseGeometry() {
    }

    /**
     * True when a satellite at {@code (rx, ry, rz)} (m, Earth-centred) is in the shadow of the
     * Earth for a Sun in unit direction {@code (sx, sy, sz)}: behind the Earth and within one
     * Earth radius of the Earth-Sun line.
     */
    public static boolean inShadow(double rx, double ry, double rz, double sx, double sy, double sz) {
        double along = rx * sx + ry * sy + rz * sz;
        if (along >= 0) {
            return false;
        }
        double px = rx - along * sx;
        double py = ry - along * sy;
        double pz = rz - along * sz;
        return px * px + py * py + pz * pz < Earth.RADIUS_M * Earth.RADIUS_M;
    }

    /** The beta angle above which a circular orbit of radius {@code aM} never enters the shadow, in rad. */
    public static double criticalBetaRad(double aM) {
        return Math.asin(Earth.RADIUS_M / aM);
    }

    /**
     * Fraction of a circular orbit spent in the cylindrical shadow at beta angle {@code betaRad}:
     * f = (1/π) acos(√(h² + 2Rh) / (a cos β)) for |β| &lt; asin(R/a), else 0 (the standard
     * cylindrical-shadow result, e.g. S. L. Rickman, <i>Introduction to Orbital Mechanics and
     * Spacecraft Attitudes for Thermal Engineers</i>, NASA TFAWS 2014).
     *
     * @param aM      orbit radius, in m
     * @param betaRad beta angle, in rad
     */
    public static double eclipseFraction(double aM, double betaRad) {
        double h = aM - Earth.RADIUS_M;
        double cosBeta = Math.cos(betaRad);
        if (Math.abs(betaRad) >= criticalBetaRad(aM)) {
            return 0.0;
        }
        double arg = Math.sqrt(h * h + 2 * Earth.RADIUS_M * h) / (aM * cosBeta);
        return arg >= 1 ? 0.0 : Math.acos(arg) / Math.PI;
    }
}
