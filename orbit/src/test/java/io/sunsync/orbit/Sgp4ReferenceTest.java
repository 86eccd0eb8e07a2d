package io.sunsync.orbit;

import static org.assertj.core.api.Assertions.assertThat;

import org.hipparchus.geometry.euclidean.threed.Vector3D;
import org.junit.jupiter.api.Test;

/**
 * SGP4 through {@link ElementSet} against the published verification output: D. A. Vallado et
 * al., "Revisiting Spacetrack Report #3", AIAA 2006-6753, file {@code tcppver.out} (TEME, km and
 * km/s, printed to 10 µm and 1 µm/s). Tolerances: 0.1 m in position and 0.1 mm/s in velocity.
 */
class Sgp4ReferenceTest {
    private static final double POSITION_TOLERANCE_M = 0.1;
    private static final double VELOCITY_TOLERANCE_MPS = 1e-4;

    private static void check(ElementSet e, double minutes, double[] rKm, double[] vKmS) {
        var pv = e.propagator().getPVCoordinates(e.tle().getDate().shiftedBy(minutes * 60), OrekitData.teme());
        Vector3D r = new Vector3D(rKm[0], rKm[1], rKm[2]).scalarMultiply(1000);
        Vector3D v = new Vector3D(vKmS[0], vKmS[1], vKmS[2]).scalarMultiply(1000);
        assertThat(pv.getPosition().distance(r)).as("position at %s min", minutes).isLessThan(POSITION_TOLERANCE_M);
        assertThat(pv.getVelocity().distance(v)).as("velocity at %s min", minutes).isLessThan(VELOCITY_TOLERANCE_MPS);
    }

    @Test
    void sunSynchronousCase28057MatchesTheVerificationFile() {
        ElementSet e = ElementSet.parse("""
                1 28057U 03049A   06177.78615833  .00000060  00000-0  35940-4 0  1836
                2 28057  98.4283 247.6961 0000884  88.1964 271.9322 14.35478080140550
                """);
        check(e, 0, new double[] {-2715.28237486, -6619.26436889, -0.01341443},
                new double[] {-1.008587273, 0.422782003, 7.385272942});
        check(e, 120, new double[] {-1816.87920942, -1835.78762132, 6661.07926465},
                new double[] {2.325140071, 6.655669329, 2.463394512});
        check(e, 240, new double[] {1483.17364291, 5395.21248786, 4448.65907172},
                new double[] {2.560540387, 4.039025766, -5.736648561});
        check(e, 360, new double[] {2801.25607157, 5455.03931333, -3692.12865695},
                new double[] {-0.595095864, -3.951923117, -6.298799125});
    }

    @Test
    void eccentricCase00005MatchesTheVerificationFile() {
        ElementSet e = ElementSet.parse("""
                1 00005U 58002B   00179.78495062  .00000023  00000-0  28098-4 0  4753
                2 00005  34.2682 348.7242 1859667 331.7664  19.3264 10.82419157413667
                """);
        check(e, 0, new double[] {7022.46529266, -1400.08296755, 0.03995155},
                new double[] {1.893841015, 6.405893759, 4.534807250});
        check(e, 360, new double[] {-7154.03120202, -3783.17682504, -3536.19412294},
                new double[] {4.741887409, -4.151817765, -2.093935425});
        check(e, 720, new double[] {-7134.59340119, 6531.68641334, 3260.27186483},
                new double[] {-4.113793027, -2.911922039, -2.557327851});
    }

    @Test
    void temeToTheEarthFixedFrameWorksWithoutEarthOrientationFiles() {
        ElementSet e = ElementSet.parse(Fixtures.text("sunsync-1.tle"));
        var pv = e.propagator().getPVCoordinates(e.tle().getDate().shiftedBy(600), OrekitData.itrf());
        double altitudeKm = (pv.getPosition().getNorm() - 6_378_137) / 1000;
        assertThat(altitudeKm).isBetween(620.0, 680.0);
        // The Earth turns under the orbit: the Earth-fixed and inertial positions differ.
        var inertial = e.propagator().getPVCoordinates(e.tle().getDate().shiftedBy(600), OrekitData.teme());
        assertThat(pv.getPosition().distance(inertial.getPosition())).isGreaterThan(100_000);
        assertThat(pv.getPosition().getNorm()).isCloseTo(inertial.getPosition().getNorm(),
                org.assertj.core.api.Assertions.within(1e-3));
    }
}
