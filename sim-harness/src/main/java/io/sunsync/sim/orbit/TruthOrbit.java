package io.sunsync.sim.orbit;

import io.sunsync.hal.time.Seconds;
import io.sunsync.orbit.EclipsePass;
import io.sunsync.orbit.OrekitData;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.hipparchus.geometry.euclidean.threed.Vector3D;
import org.orekit.frames.Frame;
import org.orekit.frames.Frames;
import org.orekit.time.AbsoluteDate;
import org.orekit.utils.IERSConventions;
import org.orekit.utils.PVCoordinates;
import org.orekit.utils.TimeStampedPVCoordinates;
import org.hipparchus.optim.MaxEval;
import org.hipparchus.optim.nonlinear.scalar.GoalType;
import org.hipparchus.optim.univariate.BrentOptimizer;
import org.hipparchus.optim.univariate.SearchInterval;
import org.hipparchus.optim.univariate.UnivariateObjectiveFunction;
import org.hipparchus.optim.univariate.UnivariatePointValuePair;

/**
 * Where the simulated satellite really is and how much Sun its array really sees: a
 * {@link Trajectory} and a {@link Shadow}, with the shadow's entries and exits found once and kept
 * in a table. Everything in the sim that depends on the orbit reads it from here: the bus (the
 * array's irradiance every step), the truth record, the radiation environment, the oracle, and the
 * ground's flight-dynamics products ({@link io.sunsync.sim.fdyn.FlightDynamics}).
 *
 * <p>Times are seconds since the scenario start ({@code tS}), negative before it. The shadow is
 * found by scanning the switching functions of the penumbra's and the umbra's edges
 * ({@link Shadow}) every {@value #SCAN_S} s, refining each sign change by bisection to 0.1 ms, and
 * looking inside every local minimum for a grazing passage that dips in and out between two scan
 * points; the table grows a day at a time as callers ask for later (or earlier) times. Inside the
 * penumbra the lit fraction is computed from the geometry; outside it is 1 or 0 from the table.
 *
 * <p>Thread safe: the table grows under this object's lock and is read through immutable
 * snapshots; {@link #shared} keeps one instance per scenario orbit and start.
 */
public final class TruthOrbit {
    /** Scan step of the shadow's switching functions, in s. */
    public static final double SCAN_S = 20.0;
    private static final double CHUNK_S = 86_400.0;
    private static final double MARGIN_S = 7_200.0;
    private static final double ROOT_TOLERANCE_S = 1e-4;
    private static final int CACHE_SIZE = 8;
    private static final Map<Object, TruthOrbit> CACHE = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Object, TruthOrbit> eldest) {
            return size() > CACHE_SIZE;
        }
    };

    private record Table(double loS, double hiS, double[] penIn, double[] penOut, double[] umbIn, double[] umbOut) {
    }

    private final Trajectory trajectory;
    private final Shadow shadow;
    private final double startEpochS;
    private final NavigableMap<Double, Boolean> penumbraCrossings = new TreeMap<>();
    private final NavigableMap<Double, Boolean> umbraCrossings = new TreeMap<>();
    private volatile Table table = new Table(0, 0, new double[0], new double[0], new double[0], new double[0]);

    /**
     * The truth of {@code trajectory} in {@code shadow}.
     *
     * @param trajectory the path (its epoch is the scenario start)
     * @param shadow     the shadow model
     */
    public TruthOrbit(Trajectory trajectory, Shadow shadow) {
        if (trajectory == null || shadow == null) {
            throw new IllegalArgumentException("trajectory and shadow are required");
        }
        this.trajectory = trajectory;
        this.shadow = shadow;
        this.startEpochS = trajectory.epoch().getEpochSecond() + trajectory.epoch().getNano() * 1e-9;
    }

    /**
     * The shared truth for {@code key} (a value: equal keys, one truth), made by {@code factory}
     * the first time; the last {@value #CACHE_SIZE} are kept, so a numerical propagation runs once
     * however many models, oracles and benches ask. {@code Scenario.truthOrbit()} is the usual door.
     */
    public static TruthOrbit shared(Object key, Supplier<TruthOrbit> factory) {
        synchronized (CACHE) {
            TruthOrbit t = CACHE.get(key);
            if (t == null) {
                t = factory.get();
                CACHE.put(key, t);
            }
            return t;
        }
    }

    /** The trajectory. */
    public Trajectory trajectory() {
        return trajectory;
    }

    /** The shadow model. */
    public Shadow shadow() {
        return shadow;
    }

    /** The scenario start, time zero of {@code tS}. */
    public Instant start() {
        return trajectory.epoch();
    }

    /** Seconds from the start to {@code t}. */
    public double toS(Instant t) {
        return t.getEpochSecond() - trajectory.epoch().getEpochSecond()
                + (t.getNano() - trajectory.epoch().getNano()) * 1e-9;
    }

    /** The instant {@code tS} seconds after the start. */
    public Instant instant(double tS) {
        return trajectory.epoch().plus(Seconds.of(tS));
    }

    // ------------------------------------------------------------------ light

    /** The fraction of the Sun's disc the satellite sees at {@code tS}: 1 in full Sun, 0 in the umbra. */
    public double litFraction(double tS) {
        Table t = covering(tS, tS);
        int i = floorIndex(t.penIn(), tS);
        if (i < 0 || tS >= t.penOut()[i]) {
            return 1.0;
        }
        if (tS >= t.umbIn()[i] && tS < t.umbOut()[i]) {
            return 0.0;
        }
        double[] p = new double[6];
        double[] s = new double[4];
        trajectory.state(tS, p);
        trajectory.sun(tS, s);
        return shadow.litFraction(p[0], p[1], p[2], s[0], s[1], s[2], s[3] * Shadow.AU_M);
    }

    /**
     * The least lit fraction of a pass that stays in the penumbra, from {@code fromS} to {@code toS}
     * (Brent's search, to a millisecond: the light falls to one minimum and rises again).
     */
    private double minLitFraction(double fromS, double toS) {
        UnivariatePointValuePair min = new BrentOptimizer(1e-10, 1e-3).optimize(new MaxEval(200),
                new UnivariateObjectiveFunction(this::litFraction), GoalType.MINIMIZE, new SearchInterval(fromS, toS));
        return Math.max(0.0, Math.min(0.999, min.getValue()));
    }

    /** Solar irradiance at the Sun's distance at {@code tS}, whether or not the satellite is lit, in W/m². */
    public double sunIrradianceWm2(double tS) {
        double[] s = new double[4];
        trajectory.sun(tS, s);
        return SunPosition.SOLAR_CONSTANT_W_M2 / (s[3] * s[3]);
    }

    /**
     * The irradiance on a sun-tracking array at {@code tS}: the Sun's irradiance at its distance
     * times the lit fraction of its disc, in W/m².
     */
    public double irradianceWm2(double tS) {
        double lit = litFraction(tS);
        return lit == 0.0 ? 0.0 : lit * sunIrradianceWm2(tS);
    }

    /** Where the satellite is at {@code tS}, with the light it sees. */
    public OrbitPoint at(double tS) {
        double[] p = new double[6];
        double[] s = new double[4];
        trajectory.state(tS, p);
        trajectory.sun(tS, s);
        double lit = litFraction(tS);
        double r = Math.sqrt(p[0] * p[0] + p[1] * p[1] + p[2] * p[2]);
        double hx = p[1] * p[5] - p[2] * p[4];
        double hy = p[2] * p[3] - p[0] * p[5];
        double hz = p[0] * p[4] - p[1] * p[3];
        double hn = Math.sqrt(hx * hx + hy * hy + hz * hz);
        double beta = Math.asin((hx * s[0] + hy * s[1] + hz * s[2]) / hn);
        double gmst = SunPosition.atEpochSecond(startEpochS + tS).gmstRad();
        double lat = Math.toDegrees(Math.asin(p[2] / r));
        double lon = Math.toDegrees(Math.atan2(p[1], p[0]) - gmst);
        lon = ((lon + 180.0) % 360.0 + 360.0) % 360.0 - 180.0;
        return new OrbitPoint(p[0], p[1], p[2], lat, lon, lit > 0, lit, beta,
                SunPosition.SOLAR_CONSTANT_W_M2 / (s[3] * s[3]));
    }

    /**
     * The eclipses under way between {@code fromS} and {@code toS}: every passage through the
     * shadow that ends after {@code fromS} and begins before {@code toS}, in time order.
     */
    public List<EclipsePass> eclipses(double fromS, double toS) {
        Table t = covering(fromS, toS);
        List<EclipsePass> out = new ArrayList<>();
        int i = Math.max(0, floorIndex(t.penIn(), fromS));
        for (; i < t.penIn().length && t.penIn()[i] < toS; i++) {
            if (t.penOut()[i] <= fromS) {
                continue;
            }
            boolean total = !Double.isNaN(t.umbIn()[i]);
            out.add(new EclipsePass(instant(t.penIn()[i]), total ? instant(t.umbIn()[i]) : null,
                    total ? instant(t.umbOut()[i]) : null, instant(t.penOut()[i]),
                    total ? 0.0 : minLitFraction(t.penIn()[i], t.penOut()[i])));
        }
        return out;
    }

    /** True when a penumbra or umbra entry or exit falls in [{@code fromS}, {@code toS}]. */
    public boolean shadowEdgeBetween(double fromS, double toS) {
        Table t = covering(fromS, toS);
        int i = Math.max(0, floorIndex(t.penIn(), fromS));
        for (; i < t.penIn().length && t.penIn()[i] <= toS; i++) {
            double[] edges = {t.penIn()[i], t.umbIn()[i], t.umbOut()[i], t.penOut()[i]};
            for (double e : edges) {
                if (e >= fromS && e <= toS) {
                    return true;
                }
            }
        }
        return false;
    }

    /** {@link #eclipses(double, double)} between two instants. */
    public List<EclipsePass> eclipses(Instant from, Instant to) {
        return eclipses(toS(from), toS(to));
    }

    // ------------------------------------------------------------------ state

    /** The satellite's position and velocity at {@code t} in the sim's own frame (mean equator and equinox of date). */
    public StateVector meanOfDate(Instant t) {
        double[] p = new double[6];
        trajectory.state(toS(t), p);
        return new StateVector(t, "MOD", p[0], p[1], p[2], p[3], p[4], p[5]);
    }

    /** Position and velocity at {@code t} in the inertial EME2000 (J2000) frame. */
    public StateVector inertial(Instant t) {
        return vector(t, "EME2000", pv(t, frames().getEME2000()));
    }

    /**
     * Position and velocity at {@code t} in the Earth-fixed ITRF (no Earth-orientation data: zero
     * polar motion and UT1 = UTC, well under a metre from the real ITRF at the surface): what a
     * GNSS receiver on board would report.
     */
    public StateVector earthFixed(Instant t) {
        return vector(t, "ITRF", pv(t, frames().getITRF(IERSConventions.IERS_2010, true)));
    }

    /** Position and velocity at {@code t} in any Orekit frame of {@link OrekitData#context()}. */
    public TimeStampedPVCoordinates pv(Instant t, Frame frame) {
        double[] p = new double[6];
        trajectory.state(toS(t), p);
        AbsoluteDate date = new AbsoluteDate(t, OrekitData.utc());
        Frame mod = frames().getMOD(IERSConventions.IERS_2010);
        PVCoordinates inMod = new PVCoordinates(new Vector3D(p[0], p[1], p[2]), new Vector3D(p[3], p[4], p[5]));
        return mod.getTransformTo(frame, date).transformPVCoordinates(new TimeStampedPVCoordinates(date, inMod));
    }

    private static Frames frames() {
        return OrekitData.context().getFrames();
    }

    private static StateVector vector(Instant t, String frame, TimeStampedPVCoordinates pv) {
        Vector3D r = pv.getPosition();
        Vector3D v = pv.getVelocity();
        return new StateVector(t, frame, r.getX(), r.getY(), r.getZ(), v.getX(), v.getY(), v.getZ());
    }

    // ------------------------------------------------------------------ the shadow table

    private Table covering(double fromS, double toS) {
        Table t = table;
        if (fromS < t.loS() + MARGIN_S || toS > t.hiS() - MARGIN_S) {
            t = extend(fromS, toS);
        }
        return t;
    }

    /** Scans whole days (multiples of a day from the start) until [fromS, toS] is covered with margins. */
    private synchronized Table extend(double fromS, double toS) {
        Table t = table;
        double lo = t.loS();
        double hi = t.hiS();
        if (lo == hi) {
            lo = Math.floor(fromS / CHUNK_S) * CHUNK_S;
            hi = lo;
        }
        while (toS > hi - MARGIN_S) {
            scan(hi, hi + CHUNK_S);
            hi += CHUNK_S;
        }
        while (fromS < lo + MARGIN_S) {
            scan(lo - CHUNK_S, lo);
            lo -= CHUNK_S;
        }
        table = build(lo, hi);
        return table;
    }

    /** Finds the crossings of both switching functions in [a, b] (a few scan points either side). */
    private void scan(double a, double b) {
        long k0 = (long) Math.floor(a / SCAN_S) - 2;
        long k1 = (long) Math.ceil(b / SCAN_S) + 2;
        int n = (int) (k1 - k0 + 1);
        double[] gp = new double[n];
        double[] gu = new double[n];
        double[] p = new double[6];
        double[] s = new double[4];
        for (int i = 0; i < n; i++) {
            double tS = (k0 + i) * SCAN_S;
            trajectory.state(tS, p);
            trajectory.sun(tS, s);
            gp[i] = shadow.penumbraG(p[0], p[1], p[2], s[0], s[1], s[2], s[3] * Shadow.AU_M);
            gu[i] = shadow == Shadow.CYLINDRICAL ? gp[i]
                    : shadow.umbraG(p[0], p[1], p[2], s[0], s[1], s[2], s[3] * Shadow.AU_M);
        }
        findCrossings(gp, k0, true, penumbraCrossings);
        findCrossings(gu, k0, false, umbraCrossings);
    }

    private void findCrossings(double[] g, long k0, boolean penumbra, NavigableMap<Double, Boolean> into) {
        for (int i = 0; i + 1 < g.length; i++) {
            double t0 = (k0 + i) * SCAN_S;
            double t1 = t0 + SCAN_S;
            if ((g[i] >= 0) != (g[i + 1] >= 0)) {
                add(into, root(penumbra, t0, t1, g[i]), g[i] >= 0);
            } else if (i > 0 && g[i] < g[i - 1] && g[i] <= g[i + 1] && g[i] >= 0) {
                // a local minimum above zero at the scan points: look for a dip between them
                double tm = minimum(penumbra, t0 - SCAN_S, t1);
                if (g(penumbra, tm) < 0) {
                    add(into, root(penumbra, t0 - SCAN_S, tm, 1.0), true);
                    add(into, root(penumbra, tm, t1, -1.0), false);
                }
            }
        }
    }

    private static void add(NavigableMap<Double, Boolean> into, double t, boolean entering) {
        Map.Entry<Double, Boolean> near = into.floorEntry(t + 1e-3);
        if (near != null && near.getKey() > t - 1e-3 && near.getValue() == entering) {
            return; // found again from an overlapping scan
        }
        into.put(t, entering);
    }

    private double g(boolean penumbra, double tS) {
        double[] p = new double[6];
        double[] s = new double[4];
        trajectory.state(tS, p);
        trajectory.sun(tS, s);
        double sunM = s[3] * Shadow.AU_M;
        return penumbra ? shadow.penumbraG(p[0], p[1], p[2], s[0], s[1], s[2], sunM)
                : shadow.umbraG(p[0], p[1], p[2], s[0], s[1], s[2], sunM);
    }

    /** Bisection for the sign change of g in [a, b], where g(a) has the sign of {@code ga}. */
    private double root(boolean penumbra, double a, double b, double ga) {
        boolean aPositive = ga >= 0;
        while (b - a > ROOT_TOLERANCE_S) {
            double m = 0.5 * (a + b);
            if ((g(penumbra, m) >= 0) == aPositive) {
                a = m;
            } else {
                b = m;
            }
        }
        return 0.5 * (a + b);
    }

    /** Golden-section search for the minimum of g in [a, b]. */
    private double minimum(boolean penumbra, double a, double b) {
        double r = (Math.sqrt(5) - 1) / 2;
        double c = b - r * (b - a);
        double d = a + r * (b - a);
        double gc = g(penumbra, c);
        double gd = g(penumbra, d);
        while (b - a > 1e-3) {
            if (gc < gd) {
                b = d;
                d = c;
                gd = gc;
                c = b - r * (b - a);
                gc = g(penumbra, c);
            } else {
                a = c;
                c = d;
                gc = gd;
                d = a + r * (b - a);
                gd = g(penumbra, d);
            }
        }
        return 0.5 * (a + b);
    }

    /** Pairs the crossings into eclipses: each penumbra entry with the next exit, the umbra inside. */
    private Table build(double lo, double hi) {
        List<double[]> rows = new ArrayList<>();
        Double entry = null;
        for (Map.Entry<Double, Boolean> c : penumbraCrossings.entrySet()) {
            if (c.getValue()) {
                entry = c.getKey();
            } else if (entry != null) {
                double exit = c.getKey();
                double uIn = Double.NaN;
                double uOut = Double.NaN;
                for (Map.Entry<Double, Boolean> u : umbraCrossings.subMap(entry - 1e-3, true, exit + 1e-3, true)
                        .entrySet()) {
                    if (u.getValue() && Double.isNaN(uIn)) {
                        uIn = Math.max(entry, u.getKey());
                    } else if (!u.getValue() && !Double.isNaN(uIn)) {
                        uOut = Math.min(exit, u.getKey());
                    }
                }
                if (Double.isNaN(uOut)) {
                    uIn = Double.NaN;
                }
                rows.add(new double[] {entry, exit, uIn, uOut});
                entry = null;
            }
        }
        int n = rows.size();
        double[] penIn = new double[n];
        double[] penOut = new double[n];
        double[] umbIn = new double[n];
        double[] umbOut = new double[n];
        for (int i = 0; i < n; i++) {
            double[] r = rows.get(i);
            penIn[i] = r[0];
            penOut[i] = r[1];
            umbIn[i] = r[2];
            umbOut[i] = r[3];
        }
        return new Table(lo, hi, penIn, penOut, umbIn, umbOut);
    }

    /** Index of the last element ≤ {@code x}, or -1. */
    private static int floorIndex(double[] sorted, double x) {
        int i = Arrays.binarySearch(sorted, x);
        return i >= 0 ? i : -i - 2;
    }

    @Override
    public String toString() {
        return "TruthOrbit[" + trajectory.describe() + ", " + shadow.name().toLowerCase() + " shadow]";
    }
}
