package io.sunsync.sim.orbit;

import java.time.Instant;

/**
 * Propagates a circular {@link SunSynchronousOrbit}: the node follows the mean Sun at the
 * orbit's LTAN (so the ascending node's right ascension is the mean Sun's plus
 * (LTAN − 12 h) × 15°), and the satellite moves uniformly in argument of latitude from the
 * ascending node, which it crosses at {@code nodeEpoch}. Immutable; thread safe.
 */
public final class CircularOrbitPropagator {
    private final SunSynchronousOrbit orbit;
    private final Instant nodeEpoch;
    private final double sinInc;
    private final double cosInc;
    private final double meanMotion;
    private final double radiusM;
    private final double ltanOffsetRad;

    /**
     * @param orbit     the orbit
     * @param nodeEpoch an instant at which the satellite crosses the ascending node
     */
    public CircularOrbitPropagator(SunSynchronousOrbit orbit, Instant nodeEpoch) {
        if (orbit == null || nodeEpoch == null) {
            throw new IllegalArgumentException("orbit and nodeEpoch are required");
        }
        this.orbit = orbit;
        this.nodeEpoch = nodeEpoch;
        double inc = Math.toRadians(orbit.inclinationDeg());
        this.sinInc = Math.sin(inc);
        this.cosInc = Math.cos(inc);
        this.meanMotion = orbit.meanMotionRadS();
        this.radiusM = orbit.semiMajorAxisM();
        this.ltanOffsetRad = Math.toRadians((orbit.ltanHours() - 12.0) * 15.0);
    }

    /** The orbit. */
    public SunSynchronousOrbit orbit() {
        return orbit;
    }

    /** The instant of the reference ascending node crossing. */
    public Instant nodeEpoch() {
        return nodeEpoch;
    }

    /** Right ascension of the ascending node when the mean Sun is at {@code meanSunRaRad}, in rad. */
    public double raanRad(double meanSunRaRad) {
        return meanSunRaRad + ltanOffsetRad;
    }

    /** The beta angle at {@code t}, in rad. */
    public double betaRad(Instant t) {
        return betaRad(SunPosition.at(t));
    }

    /** The beta angle for the Sun at {@code sun}: asin(orbit normal · Sun direction), in rad. */
    public double betaRad(SunPosition sun) {
        double raan = raanRad(sun.meanSunRaRad());
        double nx = sinInc * Math.sin(raan);
        double ny = -sinInc * Math.cos(raan);
        double nz = cosInc;
        return Math.asin(nx * sun.x() + ny * sun.y() + nz * sun.z());
    }

    /** Where the satellite is at {@code t}. */
    public OrbitPoint at(Instant t) {
        double epochS = t.getEpochSecond() + t.getNano() * 1e-9;
        return at(epochS, epochS - (nodeEpoch.getEpochSecond() + nodeEpoch.getNano() * 1e-9));
    }

    /**
     * Where the satellite is at {@code epochS} (s since 1970), {@code sinceNodeS} seconds after
     * the node crossing at {@link #nodeEpoch()} (passed separately to keep precision on long runs).
     */
    public OrbitPoint at(double epochS, double sinceNodeS) {
        SunPosition sun = SunPosition.atEpochSecond(epochS);
        double raan = raanRad(sun.meanSunRaRad());
        double u = meanMotion * sinceNodeS;
        double a = radiusM;
        double cu = Math.cos(u);
        double su = Math.sin(u);
        double co = Math.cos(raan);
        double so = Math.sin(raan);
        double ci = cosInc;
        double si = sinInc;
        double x = a * (cu * co - su * ci * so);
        double y = a * (cu * so + su * ci * co);
        double z = a * (su * si);
        boolean shadow = EclipseGeometry.inShadow(x, y, z, sun.x(), sun.y(), sun.z());
        double beta = Math.asin(si * so * sun.x() - si * co * sun.y() + ci * sun.z());
        double lat = Math.toDegrees(Math.asin(z / a));
        double lon = Math.toDegrees(Math.atan2(y, x) - sun.gmstRad());
        lon = ((lon + 180.0) % 360.0 + 360.0) % 360.0 - 180.0;
        return new OrbitPoint(x, y, z, lat, lon, !shadow, beta, sun.irradianceWm2());
    }

    /**
     * The solar irradiance on a sun-tracking array at {@code epochS}, {@code sinceNodeS} after
     * the node crossing: the Sun's irradiance when sunlit, 0 in the shadow, in W/m². The fast
     * path of {@link #at(double, double)} for stepping.
     */
    public double irradianceWm2(double epochS, double sinceNodeS) {
        SunPosition sun = SunPosition.atEpochSecond(epochS);
        double raan = sun.meanSunRaRad() + ltanOffsetRad;
        double u = meanMotion * sinceNodeS;
        double cu = Math.cos(u);
        double su = Math.sin(u);
        double co = Math.cos(raan);
        double so = Math.sin(raan);
        double x = radiusM * (cu * co - su * cosInc * so);
        double y = radiusM * (cu * so + su * cosInc * co);
        double z = radiusM * (su * sinInc);
        return EclipseGeometry.inShadow(x, y, z, sun.x(), sun.y(), sun.z()) ? 0.0 : sun.irradianceWm2();
    }
}
