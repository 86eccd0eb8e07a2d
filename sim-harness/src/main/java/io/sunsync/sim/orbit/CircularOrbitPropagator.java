package io.sunsync.sim.orbit;

import java.time.Instant;

/**
 * Propagates a circular {@link SunSynchronousOrbit}: the node follows the mean Sun at the
 * orbit's LTAN (so the ascending node's right ascension is the mean Sun's plus
 * (LTAN − 12 h) × 15°), and the satellite moves uniformly in argument of latitude from the
 * ascending node, which it crosses at {@code nodeEpoch}. As a {@link Trajectory} its epoch is the
 * node crossing and the Sun is {@link SunPosition}'s. Immutable; thread safe.
 */
public final class CircularOrbitPropagator implements Trajectory {
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

    @Override
    public Instant epoch() {
        return nodeEpoch;
    }

    @Override
    public void state(double tS, double[] out) {
        double epochS = nodeEpoch.getEpochSecond() + nodeEpoch.getNano() * 1e-9 + tS;
        SunPosition sun = SunPosition.atEpochSecond(epochS);
        double raan = sun.meanSunRaRad() + ltanOffsetRad;
        // The node turns with the mean Sun: dΩ/dt is the Sun's mean motion (0.9856474°/day).
        double raanRate = Math.toRadians(0.9856474) / 86_400.0;
        double u = meanMotion * tS;
        double cu = Math.cos(u);
        double su = Math.sin(u);
        double co = Math.cos(raan);
        double so = Math.sin(raan);
        out[0] = radiusM * (cu * co - su * cosInc * so);
        out[1] = radiusM * (cu * so + su * cosInc * co);
        out[2] = radiusM * (su * sinInc);
        double v = radiusM * meanMotion;
        out[3] = v * (-su * co - cu * cosInc * so) - raanRate * out[1];
        out[4] = v * (-su * so + cu * cosInc * co) + raanRate * out[0];
        out[5] = v * (cu * sinInc);
    }

    @Override
    public void sun(double tS, double[] out) {
        SunPosition sun = SunPosition.atEpochSecond(nodeEpoch.getEpochSecond() + nodeEpoch.getNano() * 1e-9 + tS);
        out[0] = sun.x();
        out[1] = sun.y();
        out[2] = sun.z();
        out[3] = sun.distanceAu();
    }

    @Override
    public String describe() {
        return String.format("circular %.0f km, LTAN %s, node following the mean Sun", orbit.altitudeKm(),
                String.format("%02d:%02d", (int) orbit.ltanHours(), Math.round(orbit.ltanHours() % 1 * 60)));
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
        return new OrbitPoint(x, y, z, lat, lon, !shadow, shadow ? 0.0 : 1.0, beta, sun.irradianceWm2());
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
