package io.sunsync.sim.orbit;

import io.sunsync.orbit.EclipsePass;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The conical shadow against closed-form geometry: a circular equatorial orbit with the Sun in
 * the equatorial plane (beta = 0), where the Earth's limb seen by the satellite is the equator, so
 * the ellipsoid looks like the sphere of the equatorial radius.
 */
class ShadowTest {
    private static final double MU = Earth.MU_M3_S2;
    private static final Instant T0 = Instant.parse("2027-03-21T00:00:00Z");

    /** Circular equatorial orbit at {@code altitudeM}, starting under the Sun, the Sun fixed along +x at 1 AU. */
    private static Trajectory equatorial(double altitudeM) {
        double r = Earth.RADIUS_M + altitudeM;
        double n = Math.sqrt(MU / (r * r * r));
        return new Trajectory() {
            @Override
            public Instant epoch() {
                return T0;
            }

            @Override
            public void state(double tS, double[] out) {
                double u = n * tS;
                out[0] = r * Math.cos(u);
                out[1] = r * Math.sin(u);
                out[2] = 0;
                out[3] = -r * n * Math.sin(u);
                out[4] = r * n * Math.cos(u);
                out[5] = 0;
            }

            @Override
            public void sun(double tS, double[] out) {
                out[0] = 1;
                out[1] = 0;
                out[2] = 0;
                out[3] = 1.0;
            }

            @Override
            public String describe() {
                return "equatorial test orbit";
            }
        };
    }

    private static double meanMotion(double altitudeM) {
        double r = Earth.RADIUS_M + altitudeM;
        return Math.sqrt(MU / (r * r * r));
    }

    @Test
    void atBetaZeroThePenumbraLastsTheSunsAngularDiameterOverTheMeanMotion() {
        // The separation of the Sun's and the Earth's centres changes at the orbit rate n, so crossing
        // the penumbra (2 × the Sun's apparent radius) takes 2 asin(R_sun / 1 AU) / n: 8.68 s at 650 km.
        TruthOrbit truth = new TruthOrbit(equatorial(650_000), Shadow.CONICAL);
        EclipsePass e = truth.eclipses(0, 7000).get(0);
        double expected = 2 * Math.asin(Shadow.SUN_RADIUS_M / Shadow.AU_M) / meanMotion(650_000);
        assertThat(expected).isCloseTo(8.68, within(0.01));
        assertThat(e.total()).isTrue();
        assertThat(seconds(e.penumbraStart(), e.umbraStart())).isCloseTo(expected, within(0.02));
        assertThat(seconds(e.umbraEnd(), e.penumbraEnd())).isCloseTo(expected, within(0.02));
    }

    @Test
    void theCylinderSitsMidwayThroughThePenumbraSoTotalAndUmbraBracketIt() {
        // The cylindrical shadow's edge is where the Sun's centre meets the limb (up to the Sun's
        // parallax, 7000 km / 1 AU: 0.04 s here): conical total = cylinder + one penumbra, umbra =
        // cylinder − one penumbra.
        TruthOrbit conical = new TruthOrbit(equatorial(650_000), Shadow.CONICAL);
        TruthOrbit cylindrical = new TruthOrbit(equatorial(650_000), Shadow.CYLINDRICAL);
        EclipsePass c = conical.eclipses(0, 7000).get(0);
        EclipsePass y = cylindrical.eclipses(0, 7000).get(0);
        double penumbra = seconds(c.penumbraStart(), c.umbraStart());
        assertThat(c.durationS()).isCloseTo(y.durationS() + penumbra, within(0.1));
        assertThat(c.umbraS()).isCloseTo(y.durationS() - penumbra, within(0.1));
        assertThat(seconds(y.penumbraStart(), c.penumbraStart()) + penumbra / 2).isCloseTo(0, within(0.1));
        // and the cylinder at beta = 0 is the textbook (1/π) acos(√(h² + 2Rh)/a) of the period
        double a = Earth.RADIUS_M + 650_000;
        assertThat(y.durationS()).isCloseTo(EclipseGeometry.eclipseFraction(a, 0) * 2 * Math.PI / meanMotion(650_000),
                within(0.01));
        assertThat(y.umbraS()).isEqualTo(y.durationS());
    }

    @Test
    void theLitFractionFallsSmoothlyThroughThePenumbraAndIsHalfWhenTheLimbCrossesTheSunsCentre() {
        TruthOrbit truth = new TruthOrbit(equatorial(650_000), Shadow.CONICAL);
        EclipsePass e = truth.eclipses(0, 7000).get(0);
        double in = truth.toS(e.penumbraStart());
        double umbra = truth.toS(e.umbraStart());
        double last = 1.0;
        for (double t = in - 1; t <= umbra + 1; t += 0.25) {
            double f = truth.litFraction(t);
            assertThat(f).isBetween(0.0, 1.0).isLessThanOrEqualTo(last + 1e-12);
            last = f;
        }
        assertThat(truth.litFraction(in - 0.01)).isEqualTo(1.0);
        assertThat(truth.litFraction(umbra + 0.01)).isEqualTo(0.0);
        // the limb is nearly straight across the small solar disc: half the disc at the midpoint
        assertThat(truth.litFraction((in + umbra) / 2)).isCloseTo(0.5, within(0.01));
        assertThat(truth.irradianceWm2((in + umbra) / 2))
                .isCloseTo(truth.litFraction((in + umbra) / 2) * truth.sunIrradianceWm2((in + umbra) / 2), within(1e-9));
    }

    @Test
    void cylindricalShadowHasNoPenumbraAndNeverLightsHalfway() {
        TruthOrbit truth = new TruthOrbit(equatorial(650_000), Shadow.CYLINDRICAL);
        List<EclipsePass> list = truth.eclipses(0, 3 * 5900);
        assertThat(list).hasSize(3);
        for (double t = 0; t < 3 * 5900; t += 7) {
            assertThat(truth.litFraction(t)).isIn(0.0, 1.0);
        }
    }

    private static double seconds(Instant a, Instant b) {
        return java.time.Duration.between(a, b).toNanos() / 1e9;
    }
}
