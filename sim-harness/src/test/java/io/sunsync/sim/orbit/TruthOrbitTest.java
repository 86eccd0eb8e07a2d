package io.sunsync.sim.orbit;

import io.sunsync.orbit.EclipsePass;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.sunsync.orbit.OrekitData;
import io.sunsync.sim.scenario.Scenario;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.hipparchus.geometry.euclidean.threed.Vector3D;
import org.junit.jupiter.api.Test;
import org.orekit.bodies.AnalyticalSolarPositionProvider;
import org.orekit.bodies.OneAxisEllipsoid;
import org.orekit.forces.radiation.IsotropicRadiationSingleCoefficient;
import org.orekit.forces.radiation.SolarRadiationPressure;
import org.orekit.frames.Frame;
import org.orekit.orbits.CartesianOrbit;
import org.orekit.propagation.SpacecraftState;
import org.orekit.propagation.events.EclipseDetector;
import org.orekit.time.AbsoluteDate;
import org.orekit.utils.Constants;
import org.orekit.utils.IERSConventions;
import org.orekit.utils.PVCoordinates;

/** The truth orbit (numerical, conical shadow) against Orekit's own eclipse geometry and published figures. */
class TruthOrbitTest {
    /** The reference satellite at the June solstice: the truth orbit, conical shadow. */
    private static final Scenario SOLSTICE = Scenario.reference();

    @Test
    void eclipseTimesMatchOrekitsEclipseDetectorOnTheEllipsoid() {
        // Orekit's detector on the WGS-84 ellipsoid (ITRF), with the same analytical Sun, evaluated on
        // the truth's own states: its umbra and penumbra switching functions change sign where ours do.
        TruthOrbit truth = SOLSTICE.truthOrbit();
        var ctx = OrekitData.context();
        Frame mod = ctx.getFrames().getMOD(IERSConventions.IERS_2010);
        OneAxisEllipsoid earth = new OneAxisEllipsoid(Constants.WGS84_EARTH_EQUATORIAL_RADIUS,
                Constants.WGS84_EARTH_FLATTENING, ctx.getFrames().getITRF(IERSConventions.IERS_2010, true));
        AnalyticalSolarPositionProvider sun = new AnalyticalSolarPositionProvider(ctx);
        EclipseDetector penumbra = new EclipseDetector(sun, Shadow.SUN_RADIUS_M, earth).withPenumbra();
        EclipseDetector umbra = new EclipseDetector(sun, Shadow.SUN_RADIUS_M, earth).withUmbra();
        SolarRadiationPressure srp = new SolarRadiationPressure(sun, earth, new IsotropicRadiationSingleCoefficient(1, 1));
        List<EclipsePass> eclipses = truth.eclipses(0, 3 * 5900);
        assertThat(eclipses).hasSizeGreaterThanOrEqualTo(3);
        for (EclipsePass e : eclipses) {
            assertThat(e.total()).isTrue();
            double[] ours = {truth.toS(e.penumbraStart()), truth.toS(e.umbraStart()), truth.toS(e.umbraEnd()),
                    truth.toS(e.penumbraEnd())};
            EclipseDetector[] det = {penumbra, umbra, umbra, penumbra};
            for (int k = 0; k < 4; k++) {
                EclipseDetector d = det[k];
                double orekit = root(t -> d.g(state(truth, mod, t)), ours[k] - 2, ours[k] + 2);
                assertThat(orekit).as("event %d of %s", k, e).isCloseTo(ours[k], within(0.1));
            }
            // Inside the penumbra the lit fraction follows Orekit's lighting ratio.
            for (double t = ours[0]; t < ours[1]; t += 1.0) {
                assertThat(truth.litFraction(t)).isCloseTo(srp.getLightingRatio(state(truth, mod, t)), within(0.01));
            }
        }
    }

    private static SpacecraftState state(TruthOrbit truth, Frame mod, double tS) {
        double[] p = new double[6];
        truth.trajectory().state(tS, p);
        AbsoluteDate date = new AbsoluteDate(truth.instant(tS), OrekitData.utc());
        PVCoordinates pv = new PVCoordinates(new Vector3D(p[0], p[1], p[2]), new Vector3D(p[3], p[4], p[5]));
        return new SpacecraftState(new CartesianOrbit(pv, mod, date, Constants.EIGEN5C_EARTH_MU));
    }

    private static double root(java.util.function.DoubleUnaryOperator g, double a, double b) {
        double ga = g.applyAsDouble(a);
        assertThat(ga * g.applyAsDouble(b)).as("a sign change in [%s, %s]", a, b).isLessThan(0);
        while (b - a > 1e-4) {
            double m = (a + b) / 2;
            double gm = g.applyAsDouble(m);
            if ((gm >= 0) == (ga >= 0)) {
                a = m;
                ga = gm;
            } else {
                b = m;
            }
        }
        return (a + b) / 2;
    }

    @Test
    void atTheJuneSolsticeTheUmbraIsAMinuteShorterThanTheCylindersNineteenPoint7Minutes() {
        // Cylinder (spherical Earth of the equatorial radius): 19.7 min. The conical shadow adds half a
        // penumbra at each end and takes half away from the umbra; the shadow falls on the southern
        // high latitudes, where the ellipsoid's limb is ~18 km below the equatorial radius, which
        // shortens it by about half a minute.
        EclipsePass ideal = SOLSTICE.idealisedOrbit().truthOrbit().eclipses(0, 86_400).get(5);
        EclipsePass e = SOLSTICE.truthOrbit().eclipses(0, 86_400).get(5);
        assertThat(ideal.durationS() / 60).isCloseTo(19.7, within(0.1));
        assertThat(e.umbraS() / 60).isCloseTo(18.75, within(0.1));
        assertThat(e.durationS() / 60).isCloseTo(19.63, within(0.1));
        double entry = Duration.between(e.penumbraStart(), e.umbraStart()).toNanos() / 1e9;
        double exit = Duration.between(e.umbraEnd(), e.penumbraEnd()).toNanos() / 1e9;
        // Penumbra at beta 58.6°: 2 r_sun sin γ / (n cos β sin u), cos u = cos γ / cos β, γ = asin(R/r):
        // 25.5 s for a sphere of the equatorial radius; the ellipsoid and the eccentric orbit add ~1 s.
        double beta = SOLSTICE.truthOrbit().at(0).betaRad();
        double r = Earth.RADIUS_M + 650_000;
        double gamma = Math.asin(Earth.RADIUS_M / r);
        double sinU = Math.sqrt(1 - Math.pow(Math.cos(gamma) / Math.cos(beta), 2));
        double n = Math.sqrt(Earth.MU_M3_S2 / (r * r * r));
        double analytic = 2 * Math.asin(Shadow.SUN_RADIUS_M / Shadow.AU_M) * Math.sin(gamma) / (n * Math.cos(beta) * sinU);
        assertThat(Math.toDegrees(beta)).isCloseTo(58.6, within(0.1));
        assertThat(analytic).isCloseTo(25.5, within(0.2));
        assertThat(entry).isCloseTo(analytic, within(0.06 * analytic));
        assertThat(exit).isCloseTo(analytic, within(0.06 * analytic));
    }

    @Test
    void sentinel1At693KmStillSeesEclipsesOfAboutNineteenMinutes() {
        // Published: ~19 min at most (dawn-dusk, 693 km). Truth, penumbra to penumbra, at the solstice.
        Scenario s1 = Scenario.reference().with(null, null, null, 693.0);
        double longest = s1.truthOrbit().eclipses(0, 86_400).stream().mapToDouble(EclipsePass::durationS).max().orElse(0);
        assertThat(longest / 60).isCloseTo(19.0, within(0.5));
    }

    @Test
    void theEclipseSeasonOf2027BeginsOnMay8WithAGrazeThroughThePenumbra() {
        // The truth's first eclipse of the year (the idealised orbit's: May 7): the onset scenario starts that day.
        Scenario onset = Scenario.load(java.nio.file.Path.of("scenarios/eclipse-season-onset-30d.yaml"));
        TruthOrbit truth = onset.truthOrbit();
        assertThat(truth.eclipses(-86_400, 0)).isEmpty();
        List<EclipsePass> first = truth.eclipses(0, 86_400);
        assertThat(first).isNotEmpty();
        assertThat(first.get(0).total()).isFalse();
        assertThat(first.get(0).penumbraStart()).isBetween(Instant.parse("2027-05-08T12:00:00Z"),
                Instant.parse("2027-05-08T20:00:00Z"));
        // grazes through the penumbra alone for two and a half days, deeper every orbit, then total
        assertThat(truth.eclipses(86_400, 2 * 86_400)).isNotEmpty().noneMatch(EclipsePass::total);
        assertThat(truth.eclipses(3 * 86_400, 4 * 86_400)).isNotEmpty().allMatch(EclipsePass::total);
        assertThat(first.get(first.size() - 1).durationS()).isGreaterThan(first.get(0).durationS());
    }

    @Test
    void eachGrazingPassKnowsItsLeastLightAndATotalOneHasNone() {
        // Checked against a brute-force search of the truth's own lit fraction every 0.25 s.
        Scenario onset = Scenario.load(java.nio.file.Path.of("scenarios/eclipse-season-onset-30d.yaml"));
        TruthOrbit truth = onset.truthOrbit();
        List<EclipsePass> grazing = truth.eclipses(0, 2 * 86_400);
        assertThat(grazing).hasSizeGreaterThan(10).noneMatch(EclipsePass::total);
        for (EclipsePass p : List.of(grazing.get(0), grazing.get(grazing.size() / 2), grazing.get(grazing.size() - 1))) {
            double from = Duration.between(onset.start(), p.penumbraStart()).toMillis() / 1000.0;
            double least = 1;
            for (double t = from; t < from + p.durationS(); t += 0.25) {
                least = Math.min(least, truth.litFraction(t));
            }
            assertThat(p.minLitFraction()).isGreaterThan(0).isLessThan(1).isCloseTo(least, within(1e-3));
        }
        // deeper every orbit
        assertThat(grazing.get(grazing.size() - 1).minLitFraction()).isLessThan(grazing.get(0).minLitFraction());
        assertThat(truth.eclipses(3 * 86_400, 4 * 86_400)).allSatisfy(p -> assertThat(p.minLitFraction()).isZero());
    }

    @Test
    void theShadowTableIsTheSameWhicheverOrderItIsAskedIn() {
        Scenario sc = Scenario.reference().with(Instant.parse("2027-06-01T00:00:00Z"), null, null, null);
        TruthOrbit a = new TruthOrbit(sc.orbit().trajectory(sc.start()), Shadow.CONICAL);
        TruthOrbit b = new TruthOrbit(sc.orbit().trajectory(sc.start()), Shadow.CONICAL);
        List<EclipsePass> late = a.eclipses(86_400, 1.2 * 86_400);
        a.eclipses(0, 0.2 * 86_400);
        b.eclipses(0, 2 * 86_400);
        assertThat(b.eclipses(86_400, 1.2 * 86_400)).isEqualTo(late);
        assertThat(a.eclipses(0, 0.2 * 86_400)).isEqualTo(b.eclipses(0, 0.2 * 86_400));
        assertThat(a.litFraction(86_400 + 1234.5)).isEqualTo(b.litFraction(86_400 + 1234.5));
        // one passage every orbit, in order, none overlapping
        List<EclipsePass> all = b.eclipses(0, 2 * 86_400);
        for (int i = 1; i < all.size(); i++) {
            assertThat(all.get(i).penumbraStart()).isAfter(all.get(i - 1).penumbraEnd());
            assertThat(Duration.between(all.get(i - 1).penumbraStart(), all.get(i).penumbraStart()).toSeconds())
                    .isBetween(5800L, 5900L);
        }
    }

    @Test
    void theIdealisedOrbitMatchesTheCylindricalFormulaAndAScenarioSharesItsTruth() {
        Scenario ideal = Scenario.reference().idealisedOrbit();
        assertThat(ideal.truthOrbit()).isSameAs(Scenario.reference().idealisedOrbit().truthOrbit());
        assertThat(ideal.truthOrbit()).isNotSameAs(Scenario.reference().truthOrbit());
        TruthOrbit truth = ideal.truthOrbit();
        double a = ideal.orbit().model().semiMajorAxisM();
        for (EclipsePass e : truth.eclipses(0, 86_400)) {
            double mid = truth.toS(e.penumbraStart()) + e.durationS() / 2;
            double expected = EclipseGeometry.eclipseFraction(a, truth.at(mid).betaRad()) * ideal.orbit().model().periodS();
            assertThat(e.durationS()).isCloseTo(expected, within(2.0));
        }
    }

    @Test
    void theTruthStateIsAvailableInInertialAndEarthFixedFrames() {
        TruthOrbit truth = SOLSTICE.truthOrbit();
        Instant t = SOLSTICE.start().plusSeconds(1234);
        StateVector eci = truth.inertial(t);
        StateVector ecef = truth.earthFixed(t);
        StateVector mod = truth.meanOfDate(t);
        assertThat(eci.radiusM()).isCloseTo(mod.radiusM(), within(1e-3));
        assertThat(ecef.radiusM()).isCloseTo(mod.radiusM(), within(1e-3));
        assertThat(eci.radiusM()).isBetween(Earth.RADIUS_M + 630_000, Earth.RADIUS_M + 670_000);
        assertThat(eci.speedMps()).isCloseTo(7_530, within(30.0));
        // A rotation about the pole leaves the radial velocity r·v/|r| unchanged ((ω × r)·r = 0), while
        // the Earth-fixed velocity differs from the inertial by the ground's motion, |ω × r| ≤ 513 m/s.
        assertThat(radialMps(ecef)).isCloseTo(radialMps(eci), within(0.01));
        double dv = Math.abs(ecef.speedMps() - eci.speedMps());
        assertThat(dv).isLessThan(Constants.WGS84_EARTH_ANGULAR_VELOCITY * eci.radiusM());
        assertThat(ecef.frame()).isEqualTo("ITRF");
    }

    private static double radialMps(StateVector s) {
        return (s.xM() * s.vxMps() + s.yM() * s.vyMps() + s.zM() * s.vzMps()) / s.radiusM();
    }
}
