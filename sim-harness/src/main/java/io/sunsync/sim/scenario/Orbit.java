package io.sunsync.sim.scenario;

import static io.sunsync.sim.scenario.Bounds.between;
import static io.sunsync.sim.scenario.Bounds.nonNegative;
import static io.sunsync.sim.scenario.Bounds.positive;

import io.sunsync.hal.config.ConfigException;
import io.sunsync.sim.orbit.CircularOrbitPropagator;
import io.sunsync.sim.orbit.NumericalTrajectory;
import io.sunsync.sim.orbit.Shadow;
import io.sunsync.sim.orbit.SunSynchronousOrbit;
import io.sunsync.sim.orbit.Trajectory;
import java.time.Instant;

/**
 * The orbit: sun-synchronous, from its mean altitude and LTAN, and how the sim flies it.
 *
 * @param altitudeKm      mean altitude above the equatorial radius, in km (160..2000; default 650)
 * @param ltan            local time of the ascending node, {@code HH:MM} (default {@code 18:00}: dawn-dusk)
 * @param propagator      the truth orbit: {@code numerical} (default: Orekit, zonal harmonics J2..J6 and
 *                        drag, see {@link NumericalTrajectory}) or {@code circular} (the idealised circular
 *                        orbit of {@link CircularOrbitPropagator}, for tests of analytic results)
 * @param shadow          {@code conical} (default: umbra and penumbra of the Sun's disc behind the WGS-84
 *                        ellipsoid) or {@code cylindrical} (the idealised shadow, no penumbra); see {@link Shadow}
 * @param massKg          spacecraft mass for the non-gravitational forces, in kg (default 1000)
 * @param dragAreaM2      mean cross-section to the flow, in m² (default 40; 0: no drag)
 * @param dragCoefficient drag coefficient Cd (default 2.2)
 * @param srpAreaM2       area facing the Sun for radiation pressure, in m² (default 0: not modelled)
 * @param srpCoefficient  radiation pressure coefficient Cr, 1..2 (default 1.3)
 * @param densityVariation standard deviation of the air density about the model's mean, as a fraction,
 *                        swinging with the Sun's 27-day rotation (default 0.2; 0: the steady mean)
 */
public record Orbit(Double altitudeKm, String ltan, String propagator, String shadow, Double massKg,
                    Double dragAreaM2, Double dragCoefficient, Double srpAreaM2, Double srpCoefficient,
                    Double densityVariation) {
    /** The default propagator. */
    public static final String NUMERICAL = "numerical";
    /** The idealised propagator. */
    public static final String CIRCULAR = "circular";

    public Orbit {
        altitudeKm = altitudeKm == null ? 650.0 : altitudeKm;
        ltan = ltan == null ? "18:00" : ltan;
        if (!(altitudeKm >= 160 && altitudeKm <= 2000)) {
            throw new ConfigException("altitudeKm", "must be a low Earth orbit altitude in [160, 2000] km, was "
                    + altitudeKm);
        }
        try {
            SunSynchronousOrbit.parseLtan(ltan);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("ltan", e.getMessage());
        }
        propagator = propagator == null ? NUMERICAL : propagator.trim().toLowerCase(java.util.Locale.ROOT);
        if (!propagator.equals(NUMERICAL) && !propagator.equals(CIRCULAR)) {
            throw new ConfigException("propagator", "must be numerical or circular, was '" + propagator + "'");
        }
        try {
            shadow = Shadow.parse(shadow == null ? "conical" : shadow).name().toLowerCase(java.util.Locale.ROOT);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("shadow", e.getMessage());
        }
        massKg = positive("massKg", massKg, 1000.0);
        dragAreaM2 = nonNegative("dragAreaM2", dragAreaM2, 40.0);
        dragCoefficient = between("dragCoefficient", dragCoefficient, 2.2, 1.0, 4.0);
        srpAreaM2 = nonNegative("srpAreaM2", srpAreaM2, 0.0);
        srpCoefficient = between("srpCoefficient", srpCoefficient, 1.3, 1.0, 2.0);
        densityVariation = between("densityVariation", densityVariation, 0.2, 0.0, 0.5);
        if (massKg > 1e6) {
            throw new ConfigException("massKg", "must be at most 1e6 kg, was " + massKg);
        }
        if (dragAreaM2 > 1e4 || srpAreaM2 > 1e4) {
            throw new ConfigException(dragAreaM2 > 1e4 ? "dragAreaM2" : "srpAreaM2", "must be at most 10000 m²");
        }
    }

    /** The reference orbit at {@code altitudeKm} and {@code ltan}, every other field at its default. */
    public Orbit(Double altitudeKm, String ltan) {
        this(altitudeKm, ltan, null, null, null, null, null, null, null, null);
    }

    /** The orbit model (its mean elements: period, inclination, critical beta). */
    public SunSynchronousOrbit model() {
        return new SunSynchronousOrbit(altitudeKm, SunSynchronousOrbit.parseLtan(ltan));
    }

    /** This orbit with the idealised physics: the circular propagator and the cylindrical shadow. */
    public Orbit idealised() {
        return new Orbit(altitudeKm, ltan, CIRCULAR, Shadow.CYLINDRICAL.name().toLowerCase(java.util.Locale.ROOT),
                massKg, dragAreaM2, dragCoefficient, srpAreaM2, srpCoefficient, densityVariation);
    }

    /** This orbit at another altitude. */
    public Orbit withAltitudeKm(double km) {
        return new Orbit(km, ltan, propagator, shadow, massKg, dragAreaM2, dragCoefficient, srpAreaM2,
                srpCoefficient, densityVariation);
    }

    /** The shadow model. */
    public Shadow shadowModel() {
        return Shadow.parse(shadow);
    }

    /** The spacecraft as the numerical propagator's forces see it. */
    public NumericalTrajectory.Spacecraft spacecraft() {
        return new NumericalTrajectory.Spacecraft(massKg, dragAreaM2, dragCoefficient, srpAreaM2, srpCoefficient,
                densityVariation);
    }

    /** The truth trajectory this orbit is flown on, from {@code start} (the ascending node crossed then). */
    public Trajectory trajectory(Instant start) {
        return trajectory(start, 0);
    }

    /**
     * As {@link #trajectory(Instant)}, its table made at once for {@code reserveS} of mission time
     * ({@link NumericalTrajectory#NumericalTrajectory(SunSynchronousOrbit, Instant, NumericalTrajectory.Spacecraft, double)}).
     */
    public Trajectory trajectory(Instant start, double reserveS) {
        return propagator.equals(CIRCULAR) ? new CircularOrbitPropagator(model(), start)
                : new NumericalTrajectory(model(), start, spacecraft(), reserveS);
    }
}
