package io.sunsync.sim.orbit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class EclipseGeometryTest {

    /** Measures the shadow time of one orbit by propagating at a 1 s step. */
    private static double measuredEclipseS(CircularOrbitPropagator prop, Instant start) {
        double period = prop.orbit().periodS();
        double epoch0 = start.getEpochSecond();
        double sinceNode0 = epoch0 - prop.nodeEpoch().getEpochSecond();
        int dark = 0;
        for (int s = 0; s < (int) period; s++) {
            if (!prop.at(epoch0 + s, sinceNode0 + s).sunlit()) {
                dark++;
            }
        }
        return dark;
    }

    @Test
    void eclipseDurationFollowsTheCylindricalShadowFormulaOverASweepOfBetaAngles() {
        Instant equinox = Instant.parse("2027-03-21T00:00:00Z");
        // LTAN from noon (beta near 0) to dawn-dusk (beta near 90°) sweeps beta across its range.
        int withEclipse = 0;
        int without = 0;
        for (double ltan = 12.0; ltan <= 18.0; ltan += 0.5) {
            SunSynchronousOrbit orbit = new SunSynchronousOrbit(650, ltan);
            CircularOrbitPropagator prop = new CircularOrbitPropagator(orbit, equinox);
            double beta = prop.betaRad(equinox);
            double expected = EclipseGeometry.eclipseFraction(orbit.semiMajorAxisM(), beta) * orbit.periodS();
            double measured = measuredEclipseS(prop, equinox);
            // 1 s sampling, plus beta drifting ~0.07° during the orbit: within 5 s.
            assertThat(measured).as("ltan %s beta %.1f°", ltan, Math.toDegrees(beta)).isCloseTo(expected, within(5.0));
            if (Math.abs(beta) >= Math.asin(Earth.RADIUS_M / orbit.semiMajorAxisM())) {
                assertThat(measured).isZero();
                without++;
            } else {
                withEclipse++;
            }
        }
        assertThat(withEclipse).isGreaterThan(5);
        assertThat(without).isGreaterThan(1);
    }

    @Test
    void noEclipseAboveTheCriticalBetaAngle() {
        double a = new SunSynchronousOrbit(650, 18).semiMajorAxisM();
        double critical = EclipseGeometry.criticalBetaRad(a);
        assertThat(EclipseGeometry.eclipseFraction(a, critical + 1e-6)).isZero();
        assertThat(EclipseGeometry.eclipseFraction(a, -critical - 1e-6)).isZero();
        assertThat(EclipseGeometry.eclipseFraction(a, critical - 1e-3)).isPositive().isLessThan(0.03);
        // At beta = 0 the shadow spans (1/π) acos(√(h²+2Rh)/a) of the orbit: 35.5 min of 97.7 at 650 km.
        assertThat(EclipseGeometry.eclipseFraction(a, 0) * 5863.7 / 60).isCloseTo(35.5, within(0.3));
    }

    @Test
    void shadowIsBehindTheEarthOnly() {
        double r = 7_000_000;
        assertThat(EclipseGeometry.inShadow(-r, 0, 0, 1, 0, 0)).isTrue();
        assertThat(EclipseGeometry.inShadow(r, 0, 0, 1, 0, 0)).isFalse();
        assertThat(EclipseGeometry.inShadow(-r, 6_400_000, 0, 1, 0, 0)).isFalse();
    }
}
