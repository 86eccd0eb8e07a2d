package io.sunsync.hal.nav;

import static org.assertj.core.api.Assertions.assertThat;

import io.sunsync.hal.FaultCode;
import io.sunsync.hal.HalFault;
import io.sunsync.hal.Quality;
import java.time.Instant;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import org.junit.jupiter.api.Test;

class NavigationChecksTest {
    static final NavigationSpec SPEC = new NavigationSpec(10, 0.1, 5);
    static final Instant T = Instant.parse("2027-06-21T00:00:00Z");
    private static final double MU = NavigationChecks.MU_M3_S2;
    private static final double OMEGA = NavigationChecks.EARTH_RATE_RAD_S;

    /** A fix on a circular orbit at {@code altitudeKm}, inclination 98 deg, over the equator, Earth-fixed. */
    static NavigationFix circular(double altitudeKm, Instant at, Instant fixTime) {
        double r = NavigationChecks.EARTH_RADIUS_M + altitudeKm * 1000;
        double v = Math.sqrt(MU / r);
        double inc = Math.toRadians(98);
        return new NavigationFix(at, fixTime, r, 0, 0, 0, v * Math.cos(inc) - OMEGA * r, v * Math.sin(inc),
                FixType.THREE_D, 9, 1.4, Quality.GOOD, List.of());
    }

    private static List<FaultCode> codes(NavigationFix f) {
        return f.faults().stream().map(HalFault::code).toList();
    }

    @Test
    void aFixOnACircularOrbitIsUsable() {
        NavigationFix f = NavigationChecks.check(circular(650, T, T.minusMillis(200)), SPEC, "navigation");
        assertThat(f.usable()).isTrue();
        assertThat(f.faults()).isEmpty();
    }

    @Test
    void noSolutionOrAFlatOneIsNoFix() {
        NavigationFix none = NavigationChecks.check(new NavigationFix(T, null, Double.NaN, Double.NaN, Double.NaN,
                Double.NaN, Double.NaN, Double.NaN, FixType.NONE, 2, Double.NaN, Quality.GOOD, List.of()), SPEC, "navigation");
        assertThat(none.usable()).isFalse();
        assertThat(none.quality()).isEqualTo(Quality.FAILED);
        assertThat(codes(none)).containsExactly(FaultCode.NAV_NO_FIX);
        NavigationFix c = circular(650, T, T);
        NavigationFix flat = NavigationChecks.check(new NavigationFix(T, T, c.xM(), c.yM(), c.zM(), c.vxMps(), c.vyMps(),
                c.vzMps(), FixType.TWO_D, 3, 9.9, Quality.GOOD, List.of()), SPEC, "navigation");
        assertThat(codes(flat)).containsExactly(FaultCode.NAV_NO_FIX);
        assertThat(flat.faults().get(0).detail()).contains("2-D");
    }

    @Test
    void garbageIsAFaultNotAnOrbit() {
        NavigationFix c = circular(650, T, T);
        NavigationFix nan = NavigationChecks.check(new NavigationFix(T, T, c.xM(), Double.NaN, c.zM(), c.vxMps(),
                c.vyMps(), c.vzMps(), FixType.THREE_D, 9, 1.4, Quality.GOOD, List.of()), SPEC, "navigation");
        assertThat(codes(nan)).containsExactly(FaultCode.SENSOR_NAN);
        NavigationFix underground = NavigationChecks.check(new NavigationFix(T, T, c.xM() / 2, c.yM(), c.zM(), c.vxMps(),
                c.vyMps(), c.vzMps(), FixType.THREE_D, 9, 1.4, Quality.GOOD, List.of()), SPEC, "navigation");
        assertThat(codes(underground)).containsExactly(FaultCode.SENSOR_OUT_OF_RANGE);
        assertThat(underground.quality()).isEqualTo(Quality.OUT_OF_RANGE);
        // Right altitude, right speed, but moving straight down: the perigee is inside the Earth.
        double r = c.radiusM();
        double v = Math.sqrt(MU / r);
        NavigationFix falling = NavigationChecks.check(new NavigationFix(T, T, r, 0, 0, -v, OMEGA * r * 0, 0,
                FixType.THREE_D, 9, 1.4, Quality.GOOD, List.of()), SPEC, "navigation");
        assertThat(codes(falling)).containsExactly(FaultCode.NAV_INCONSISTENT);
        assertThat(falling.faults().get(0).detail()).contains("perigee");
        assertThat(falling.usable()).isFalse();
    }

    @Test
    void anOldSolutionIsStaleAndNotUsed() {
        NavigationFix f = NavigationChecks.check(circular(650, T, T.minusSeconds(30)), SPEC, "navigation");
        assertThat(codes(f)).containsExactly(FaultCode.SENSOR_STALE);
        assertThat(f.quality()).isEqualTo(Quality.STALE);
        assertThat(f.usable()).isFalse();
        assertThat(f.faults().get(0).detail()).contains("30.0 s before the sample");
    }

    @Property(tries = 500)
    void aUsableFixIsAlwaysABoundOrbitAboveTheAtmosphere(@ForAll @DoubleRange(min = -9e6, max = 9e6) double x,
                                                         @ForAll @DoubleRange(min = -9e6, max = 9e6) double y,
                                                         @ForAll @DoubleRange(min = -9e6, max = 9e6) double z,
                                                         @ForAll @DoubleRange(min = -9e3, max = 9e3) double vx,
                                                         @ForAll @DoubleRange(min = -9e3, max = 9e3) double vy,
                                                         @ForAll @DoubleRange(min = -9e3, max = 9e3) double vz) {
        NavigationFix f = NavigationChecks.check(new NavigationFix(T, T, x, y, z, vx, vy, vz, FixType.THREE_D, 9, 1.4,
                Quality.GOOD, List.of()), SPEC, "navigation");
        if (f.usable()) {
            double r = f.radiusM();
            double ix = vx - OMEGA * y;
            double iy = vy + OMEGA * x;
            double energy = (ix * ix + iy * iy + vz * vz) / 2 - MU / r;
            assertThat(energy).isNegative();
            assertThat(r).isBetween(NavigationChecks.EARTH_RADIUS_M + 100e3, NavigationChecks.EARTH_RADIUS_M + 2500e3);
        } else {
            assertThat(f.faults()).isNotEmpty();
            assertThat(f.quality()).isNotEqualTo(Quality.GOOD);
        }
    }
}
