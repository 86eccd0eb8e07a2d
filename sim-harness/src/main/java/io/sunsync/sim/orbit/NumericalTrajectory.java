package io.sunsync.sim.orbit;

import io.sunsync.orbit.OrekitData;
import java.time.Instant;
import java.util.Arrays;
import org.hipparchus.ode.nonstiff.DormandPrince853Integrator;
import org.orekit.attitudes.FrameAlignedProvider;
import org.orekit.bodies.AnalyticalSolarPositionProvider;
import org.orekit.bodies.OneAxisEllipsoid;
import org.orekit.data.DataContext;
import org.orekit.forces.drag.DragForce;
import org.orekit.forces.drag.IsotropicDrag;
import org.orekit.forces.gravity.HolmesFeatherstoneAttractionModel;
import org.orekit.forces.gravity.potential.GravityFieldFactory;
import org.orekit.forces.gravity.potential.TideSystem;
import org.orekit.forces.gravity.potential.UnnormalizedSphericalHarmonicsProvider;
import org.orekit.forces.radiation.IsotropicRadiationSingleCoefficient;
import org.orekit.forces.radiation.SolarRadiationPressure;
import org.orekit.frames.Frame;
import org.orekit.models.earth.atmosphere.HarrisPriester;
import org.orekit.orbits.CircularOrbit;
import org.orekit.orbits.Orbit;
import org.orekit.orbits.OrbitType;
import org.orekit.orbits.PositionAngleType;
import org.orekit.propagation.PropagationType;
import org.orekit.propagation.SpacecraftState;
import org.orekit.propagation.ToleranceProvider;
import org.orekit.propagation.analytical.EcksteinHechlerPropagator;
import org.orekit.propagation.numerical.NumericalPropagator;
import org.orekit.propagation.sampling.OrekitFixedStepHandler;
import org.orekit.time.AbsoluteDate;
import org.orekit.utils.Constants;
import org.orekit.utils.ExtendedPositionProvider;
import org.orekit.utils.IERSConventions;
import org.orekit.utils.PVCoordinates;

/**
 * The truth orbit: Orekit numerical propagation of the scenario's orbit with the zonal harmonics
 * J2..J6 (EIGEN-5C values from Orekit's constants), atmospheric drag (Harris-Priester, its
 * built-in density table for mean solar activity, cos⁶ diurnal bulge as recommended for polar
 * orbits, with Orekit's analytical Sun, swinging with the solar rotation:
 * {@link SolarRotationAtmosphere}) and, when the scenario gives it an area, solar radiation
 * pressure on the sun-facing array (the WGS-84 ellipsoid's conical shadow), integrated with
 * Dormand-Prince 8(5,3) to 1 m.
 *
 * <p>The initial state: the scenario's orbit as <i>mean</i> elements at its start (semi-major axis
 * R⊕ + altitude, the J2 sun-synchronous inclination, the node at the LTAN from the mean Sun, the
 * frozen eccentricity e = −(J3 / 2 J2)(R⊕/a) sin i at ω = 90° that real sun-synchronous missions
 * fly, the ascending node crossed at the start) turned into an osculating state by the
 * Eckstein-Hechler model's short-period terms. Propagated in the mean equator and equinox of date
 * (Orekit's MOD frame, treated as inertial: its precession is 50″ a year).
 *
 * <p>Propagation runs once, in chunks of a day, forward and backward from the start as far as
 * callers ask, and is sampled every {@value #SAMPLE_S} s into a table of position, velocity and the
 * Sun; between samples the position is a cubic Hermite interpolation of position and velocity
 * (about 0.3 m at 650 km) and the Sun is interpolated linearly. Thread safe: the table grows under
 * this object's lock and is read through immutable snapshots.
 */
public final class NumericalTrajectory implements Trajectory {
    /** Sampling step of the table, in s. */
    public static final double SAMPLE_S = 60.0;
    private static final double CHUNK_S = 86_400.0;
    private static final int W = 10; // doubles per sample: x y z vx vy vz sx sy sz sunAu

    /**
     * What the non-gravitational forces see of the satellite. Immutable.
     *
     * @param massKg          mass, in kg (&gt; 0)
     * @param dragAreaM2      mean cross-section to the flow, in m² (≥ 0; 0: no drag)
     * @param dragCoefficient drag coefficient Cd (&gt; 0)
     * @param srpAreaM2       area facing the Sun, in m² (≥ 0; 0: no radiation pressure)
     * @param srpCoefficient  radiation pressure coefficient Cr (1 absorbing .. 2 mirror)
     * @param densitySigma    standard deviation of the air density about the Harris-Priester mean, as a
     *                        fraction, swinging with the solar rotation ({@link SolarRotationAtmosphere}; 0: steady)
     */
    public record Spacecraft(double massKg, double dragAreaM2, double dragCoefficient, double srpAreaM2,
                             double srpCoefficient, double densitySigma) {
        public Spacecraft {
            if (!(massKg > 0) || !(dragAreaM2 >= 0) || !(dragCoefficient > 0) || !(srpAreaM2 >= 0)
                    || !(srpCoefficient >= 1 && srpCoefficient <= 2) || !(densitySigma >= 0 && densitySigma < 0.7)) {
                throw new IllegalArgumentException("invalid spacecraft: " + this);
            }
        }
    }

    private final Instant epoch;
    private final SunSynchronousOrbit orbit;
    private final Spacecraft spacecraft;
    private final AbsoluteDate t0;
    private final Frame mod;
    private final ExtendedPositionProvider sun;
    private final NumericalPropagator forward;
    private final NumericalPropagator backward;
    private final double initialEccentricity;
    /** Mission time the table is sized for at most when it is made ({@link #NumericalTrajectory(SunSynchronousOrbit, Instant, Spacecraft, double)}), in s. */
    public static final double MAX_RESERVE_S = 45 * 86_400.0;
    private double[] fwd;
    private double[] bwd = new double[W * 64];
    private volatile Table table;

    private record Table(double[] fwd, int fwdCount, double[] bwd, int bwdCount) {
        double firstS() {
            return -bwdCount * SAMPLE_S;
        }

        double lastS() {
            return (fwdCount - 1) * SAMPLE_S;
        }
    }

    /**
     * The truth for {@code orbit} with its ascending node crossed at {@code epoch}.
     *
     * @param orbit      the orbit (mean elements)
     * @param epoch      the start: mean argument of latitude 0 then
     * @param spacecraft mass and areas for drag and radiation pressure
     */
    public NumericalTrajectory(SunSynchronousOrbit orbit, Instant epoch, Spacecraft spacecraft) {
        this(orbit, epoch, spacecraft, 0);
    }

    /**
     * As {@link #NumericalTrajectory(SunSynchronousOrbit, Instant, Spacecraft)}, with the table made
     * at once for {@code reserveS} of mission time after the epoch (at most {@link #MAX_RESERVE_S};
     * 80 bytes a minute, 115 KB a day): a run of known length then holds its truth in one
     * allocation instead of doubling it along the way, so the sim's memory in a flight JVM on the
     * sim backend does not step up mid-run (the resource-bounds bench reads that heap).
     */
    public NumericalTrajectory(SunSynchronousOrbit orbit, Instant epoch, Spacecraft spacecraft, double reserveS) {
        this.fwd = new double[W * (int) Math.max(1500, Math.ceil(Math.min(reserveS, MAX_RESERVE_S) / SAMPLE_S) + 1)];
        this.table = new Table(fwd, 0, bwd, 0);
        this.orbit = orbit;
        this.epoch = epoch;
        this.spacecraft = spacecraft;
        DataContext ctx = OrekitData.context();
        this.t0 = new AbsoluteDate(epoch, ctx.getTimeScales().getUTC());
        this.mod = ctx.getFrames().getMOD(IERSConventions.IERS_2010);
        Frame itrf = ctx.getFrames().getITRF(IERSConventions.IERS_2010, true);
        OneAxisEllipsoid earth = new OneAxisEllipsoid(Constants.WGS84_EARTH_EQUATORIAL_RADIUS,
                Constants.WGS84_EARTH_FLATTENING, itrf);
        this.sun = new AnalyticalSolarPositionProvider(ctx);
        double mu = Constants.EIGEN5C_EARTH_MU;
        double ae = Constants.EIGEN5C_EARTH_EQUATORIAL_RADIUS;
        double[][] c = new double[7][1];
        double[][] s = new double[7][1];
        c[2][0] = Constants.EIGEN5C_EARTH_C20;
        c[3][0] = Constants.EIGEN5C_EARTH_C30;
        c[4][0] = Constants.EIGEN5C_EARTH_C40;
        c[5][0] = Constants.EIGEN5C_EARTH_C50;
        c[6][0] = Constants.EIGEN5C_EARTH_C60;
        UnnormalizedSphericalHarmonicsProvider zonal = GravityFieldFactory.getUnnormalizedProvider(ae, mu,
                TideSystem.UNKNOWN, c, s);

        double a = orbit.semiMajorAxisM();
        double inc = Math.toRadians(orbit.inclinationDeg());
        double j2 = -Constants.EIGEN5C_EARTH_C20;
        double j3 = -Constants.EIGEN5C_EARTH_C30;
        this.initialEccentricity = Math.abs(-(j3 / (2 * j2)) * (ae / a) * Math.sin(inc));
        double raan = SunPosition.at(epoch).meanSunRaRad() + Math.toRadians((orbit.ltanHours() - 12.0) * 15.0);
        // Frozen perigee: ω = 90° where −J3/J2 sin i > 0, else 270°.
        double ey = (-(j3 / (2 * j2)) * Math.sin(inc)) >= 0 ? initialEccentricity : -initialEccentricity;
        Orbit mean = new CircularOrbit(a, 0.0, ey, inc, raan, 0.0, PositionAngleType.MEAN, mod, t0, mu);
        FrameAlignedProvider attitude = new FrameAlignedProvider(mod);
        EcksteinHechlerPropagator eh = new EcksteinHechlerPropagator(mean, attitude, spacecraft.massKg(), zonal,
                PropagationType.MEAN);
        SpacecraftState initial = eh.propagate(t0);
        Orbit osculating = OrbitType.CARTESIAN.convertType(initial.getOrbit());
        SpacecraftState start = new SpacecraftState(osculating).withMass(spacecraft.massKg());
        this.forward = propagator(start, attitude, earth, zonal);
        this.backward = propagator(start, attitude, earth, zonal);
    }

    private NumericalPropagator propagator(SpacecraftState start, FrameAlignedProvider attitude, OneAxisEllipsoid earth,
                                           UnnormalizedSphericalHarmonicsProvider zonal) {
        double[][] tol = ToleranceProvider.getDefaultToleranceProvider(1.0).getTolerances(start.getOrbit(),
                OrbitType.CARTESIAN);
        DormandPrince853Integrator integrator = new DormandPrince853Integrator(1e-3, 300, tol[0], tol[1]);
        NumericalPropagator p = new NumericalPropagator(integrator, attitude);
        p.setOrbitType(OrbitType.CARTESIAN);
        p.setMu(zonal.getMu());
        p.addForceModel(new HolmesFeatherstoneAttractionModel(earth.getBodyFrame(),
                GravityFieldFactory.getNormalizedProvider(zonal)));
        if (spacecraft.dragAreaM2() > 0) {
            p.addForceModel(new DragForce(new SolarRotationAtmosphere(new HarrisPriester(sun, earth, 6.0),
                    spacecraft.densitySigma()),
                    new IsotropicDrag(spacecraft.dragAreaM2(), spacecraft.dragCoefficient())));
        }
        if (spacecraft.srpAreaM2() > 0) {
            p.addForceModel(new SolarRadiationPressure(sun, earth,
                    new IsotropicRadiationSingleCoefficient(spacecraft.srpAreaM2(), spacecraft.srpCoefficient())));
        }
        p.setInitialState(start);
        p.setStepHandler(SAMPLE_S, new OrekitFixedStepHandler() {
            @Override
            public void handleStep(SpacecraftState state) {
                record(state);
            }

            @Override
            public void finish(SpacecraftState state) {
                record(state);
            }
        });
        return p;
    }

    /** Called by the step handlers, under this object's lock (from {@link #extend}). */
    private void record(SpacecraftState state) {
        double tS = state.getDate().durationFrom(t0);
        long k = Math.round(tS / SAMPLE_S);
        if (Math.abs(tS - k * SAMPLE_S) > 1e-6) {
            return;
        }
        PVCoordinates pv = state.getPVCoordinates(mod);
        var sunPos = sun.getPosition(state.getDate(), mod);
        double d = sunPos.getNorm();
        double[] row = {pv.getPosition().getX(), pv.getPosition().getY(), pv.getPosition().getZ(),
                pv.getVelocity().getX(), pv.getVelocity().getY(), pv.getVelocity().getZ(),
                sunPos.getX() / d, sunPos.getY() / d, sunPos.getZ() / d, d / Shadow.AU_M};
        if (k >= 0) {
            int i = (int) k;
            if ((i + 1) * W > fwd.length) {
                // Past the reservation by a quarter at a time, not double: a run a little longer than
                // reserved must not hold twice its truth.
                fwd = Arrays.copyOf(fwd, Math.max(fwd.length + fwd.length / 4 / W * W, (i + 1) * W));
            }
            System.arraycopy(row, 0, fwd, i * W, W);
        } else {
            int i = (int) (-k - 1);
            if ((i + 1) * W > bwd.length) {
                bwd = Arrays.copyOf(bwd, Math.max(bwd.length * 2, (i + 1) * W));
            }
            System.arraycopy(row, 0, bwd, i * W, W);
        }
    }

    /**
     * Propagates until the table covers [fromS, toS], a whole chunk at a time: chunks start and end
     * at multiples of a day from the epoch whatever was asked first, so the integrator takes the
     * same steps and the truth is the same bit for bit in whatever order it is asked for.
     */
    private synchronized Table extend(double fromS, double toS) {
        Table t = table;
        int fwdCount = t.fwdCount();
        int bwdCount = t.bwdCount();
        if (fwdCount == 0) {
            forward.propagate(t0); // the sample at the epoch itself
            fwdCount = 1;
        }
        while ((fwdCount - 1) * SAMPLE_S < toS) {
            double end = (fwdCount - 1) * SAMPLE_S + CHUNK_S;
            forward.propagate(t0.shiftedBy(end));
            fwdCount = (int) Math.round(end / SAMPLE_S) + 1;
        }
        while (-bwdCount * SAMPLE_S > fromS) {
            double end = -bwdCount * SAMPLE_S - CHUNK_S;
            backward.propagate(t0.shiftedBy(end));
            bwdCount = (int) Math.round(-end / SAMPLE_S);
        }
        table = new Table(fwd, fwdCount, bwd, bwdCount);
        return table;
    }

    private Table covering(double tS) {
        Table t = table;
        if (tS < t.firstS() || tS + SAMPLE_S > t.lastS()) {
            t = extend(Math.min(tS, t.firstS()), Math.max(tS + SAMPLE_S, t.lastS()));
        }
        return t;
    }

    /** Makes sure the table covers [fromS, toS] (propagating now what is missing). */
    public void prepare(double fromS, double toS) {
        Table t = table;
        if (fromS < t.firstS() || toS > t.lastS()) {
            extend(Math.min(fromS, t.firstS()), Math.max(toS, t.lastS()));
        }
    }

    private static int offset(Table t, long k, double[][] arrayOut) {
        if (k >= 0) {
            arrayOut[0] = t.fwd();
            return (int) k * W;
        }
        arrayOut[0] = t.bwd();
        return (int) (-k - 1) * W;
    }

    @Override
    public Instant epoch() {
        return epoch;
    }

    @Override
    public void state(double tS, double[] out) {
        Table t = covering(tS);
        long k = (long) Math.floor(tS / SAMPLE_S);
        double[][] arr = new double[1][];
        int o0 = offset(t, k, arr);
        double[] a0 = arr[0];
        int o1 = offset(t, k + 1, arr);
        double[] a1 = arr[0];
        double h = SAMPLE_S;
        double s = (tS - k * SAMPLE_S) / h;
        double s2 = s * s;
        double s3 = s2 * s;
        double h00 = 2 * s3 - 3 * s2 + 1;
        double h10 = s3 - 2 * s2 + s;
        double h01 = -2 * s3 + 3 * s2;
        double h11 = s3 - s2;
        double d00 = (6 * s2 - 6 * s) / h;
        double d10 = 3 * s2 - 4 * s + 1;
        double d01 = (-6 * s2 + 6 * s) / h;
        double d11 = 3 * s2 - 2 * s;
        for (int i = 0; i < 3; i++) {
            double p0 = a0[o0 + i];
            double v0 = a0[o0 + 3 + i];
            double p1 = a1[o1 + i];
            double v1 = a1[o1 + 3 + i];
            out[i] = h00 * p0 + h10 * h * v0 + h01 * p1 + h11 * h * v1;
            out[3 + i] = d00 * p0 + d10 * v0 + d01 * p1 + d11 * v1;
        }
    }

    @Override
    public void sun(double tS, double[] out) {
        Table t = covering(tS);
        long k = (long) Math.floor(tS / SAMPLE_S);
        double[][] arr = new double[1][];
        int o0 = offset(t, k, arr) + 6;
        double[] a0 = arr[0];
        int o1 = offset(t, k + 1, arr) + 6;
        double[] a1 = arr[0];
        double f = (tS - k * SAMPLE_S) / SAMPLE_S;
        double x = a0[o0] + f * (a1[o1] - a0[o0]);
        double y = a0[o0 + 1] + f * (a1[o1 + 1] - a0[o0 + 1]);
        double z = a0[o0 + 2] + f * (a1[o1 + 2] - a0[o0 + 2]);
        double n = Math.sqrt(x * x + y * y + z * z);
        out[0] = x / n;
        out[1] = y / n;
        out[2] = z / n;
        out[3] = a0[o0 + 3] + f * (a1[o1 + 3] - a0[o0 + 3]);
    }

    /** Mean eccentricity the orbit starts with (the frozen value). */
    public double initialEccentricity() {
        return initialEccentricity;
    }

    /** The spacecraft's mass and areas. */
    public Spacecraft spacecraft() {
        return spacecraft;
    }

    /** The orbit the propagation starts from (mean elements). */
    public SunSynchronousOrbit orbit() {
        return orbit;
    }

    /** The table's span so far, in s from the epoch: {first, last}. */
    public double[] coveredS() {
        Table t = table;
        return new double[] {t.firstS(), t.lastS()};
    }

    @Override
    public String describe() {
        return String.format("numerical (Orekit): J2-J6, Harris-Priester drag (density sigma %.0f %%) %.0f m² Cd %.1f, "
                        + "SRP %.0f m² Cr %.1f, %.0f kg; %.0f km mean, LTAN %02d:%02d", spacecraft.densitySigma() * 100,
                spacecraft.dragAreaM2(), spacecraft.dragCoefficient(), spacecraft.srpAreaM2(),
                spacecraft.srpCoefficient(), spacecraft.massKg(), orbit.altitudeKm(),
                (int) orbit.ltanHours(), Math.round(orbit.ltanHours() % 1 * 60));
    }
}
