package io.sunsync.sim.orbit;

import io.sunsync.orbit.SolarDisc;

/**
 * Earth's shadow on the satellite: how much of the Sun's disc the array sees. Stateless
 * geometry; thread safe. Positions are Earth-centred in a frame whose z axis is Earth's pole
 * (the mean equator of date), in m; the Sun is given as a unit vector and a distance.
 *
 * <ul>
 *   <li>{@link #CYLINDRICAL}: the idealised model: a cylinder of the equatorial radius along the
 *       anti-Sun direction, no penumbra ({@link EclipseGeometry#inShadow}); the Sun is a point.
 *   <li>{@link #CONICAL}: the Sun as a disc of radius {@value #SUN_RADIUS_M} m and the Earth as the
 *       WGS-84 ellipsoid; umbra and penumbra, with the visible fraction of the Sun's disc as the
 *       lighting ratio (the planar area-of-overlap formula, Montenbruck and Gill, <i>Satellite
 *       Orbits</i>, 2000, §3.4.2, on the apparent radii and separation as Orekit's
 *       {@code OccultationEngine} defines them). The ellipsoid is handled by scaling the polar
 *       axis by a/b = 1/(1 − f), which turns it into a sphere of radius a and keeps every line of
 *       sight a line, so whether the Sun's centre is hidden is exact; the Sun's disc is distorted by
 *       at most f (0.34 %) of its radius, a few hundredths of a second of penumbra.
 * </ul>
 */
public enum Shadow {
    /** No penumbra, spherical Earth: the cylinder of {@link Earth#RADIUS_M}. */
    CYLINDRICAL {
        @Override
        public double litFraction(double px, double py, double pz, double sx, double sy, double sz, double sunM) {
            return EclipseGeometry.inShadow(px, py, pz, sx, sy, sz) ? 0.0 : 1.0;
        }

        @Override
        double penumbraG(double px, double py, double pz, double sx, double sy, double sz, double sunM) {
            double along = px * sx + py * sy + pz * sz;
            double r2 = px * px + py * py + pz * pz;
            double perp2 = along >= 0 ? r2 : r2 - along * along;
            return Math.sqrt(Math.max(0, perp2)) - Earth.RADIUS_M;
        }

        @Override
        double umbraG(double px, double py, double pz, double sx, double sy, double sz, double sunM) {
            return penumbraG(px, py, pz, sx, sy, sz, sunM);
        }
    },
    /** Umbra and penumbra of the Sun's disc behind the WGS-84 ellipsoid. */
    CONICAL {
        @Override
        public double litFraction(double px, double py, double pz, double sx, double sy, double sz, double sunM) {
            double[] a = angles(px, py, pz, sx, sy, sz, sunM);
            return SolarDisc.visibleFraction(a[0], a[1], a[2]);
        }

        @Override
        double penumbraG(double px, double py, double pz, double sx, double sy, double sz, double sunM) {
            double[] a = angles(px, py, pz, sx, sy, sz, sunM);
            return a[0] - (a[1] + a[2]);
        }

        @Override
        double umbraG(double px, double py, double pz, double sx, double sy, double sz, double sunM) {
            double[] a = angles(px, py, pz, sx, sy, sz, sunM);
            return a[0] - (a[1] - a[2]);
        }
    };

    /** Radius of the Sun's photosphere, in m (IAU 2015 nominal solar radius). */
    public static final double SUN_RADIUS_M = 6.957e8;
    /** The astronomical unit, in m (IAU 2012). */
    public static final double AU_M = 1.495978707e11;
    private static final double POLAR_SCALE = 1.0 / (1.0 - Earth.FLATTENING);

    /**
     * The fraction of the Sun's disc the satellite sees, 0 (umbra) to 1 (fully lit).
     *
     * @param px   satellite position x, in m (Earth-centred, z along the pole)
     * @param py   position y, in m
     * @param pz   position z, in m
     * @param sx   Sun unit vector x
     * @param sy   Sun unit vector y
     * @param sz   Sun unit vector z
     * @param sunM Sun distance, in m
     */
    public abstract double litFraction(double px, double py, double pz, double sx, double sy, double sz, double sunM);

    /** Switching function of the penumbra's outer edge: &gt; 0 fully lit, &lt; 0 in penumbra or umbra (rad or m). */
    abstract double penumbraG(double px, double py, double pz, double sx, double sy, double sz, double sunM);

    /** Switching function of the umbra's edge: &gt; 0 outside the umbra, &lt; 0 in it (rad or m). */
    abstract double umbraG(double px, double py, double pz, double sx, double sy, double sz, double sunM);

    /**
     * The occultation angles seen from the satellite, in rad: {separation of the Sun's and the
     * Earth's centres, apparent radius of the Earth's limb, apparent radius of the Sun}.
     */
    static double[] angles(double px, double py, double pz, double sx, double sy, double sz, double sunM) {
        // Scale the polar axis: the ellipsoid becomes the sphere of the equatorial radius.
        double qz = pz * POLAR_SCALE;
        double dx = sx * sunM - px;
        double dy = sy * sunM - py;
        double dz = sz * sunM * POLAR_SCALE - qz;
        double dn = Math.sqrt(dx * dx + dy * dy + dz * dz);
        double pn = Math.sqrt(px * px + py * py + qz * qz);
        double cosSep = -(dx * px + dy * py + dz * qz) / (dn * pn);
        double sep = Math.acos(Math.max(-1.0, Math.min(1.0, cosSep)));
        double limb = pn > Earth.RADIUS_M ? Math.asin(Earth.RADIUS_M / pn) : Math.PI / 2;
        double sun = Math.asin(SUN_RADIUS_M / dn);
        return new double[] {sep, limb, sun};
    }

    /** Parses a scenario's {@code shadow} value ({@code conical} or {@code cylindrical}, any case). */
    public static Shadow parse(String name) {
        for (Shadow s : values()) {
            if (s.name().equalsIgnoreCase(name == null ? "" : name.trim())) {
                return s;
            }
        }
        throw new IllegalArgumentException("must be conical or cylindrical, was '" + name + "'");
    }
}
