package io.sunsync.flight.orbit;

import static org.assertj.core.api.Assertions.assertThat;

import io.sunsync.flight.throttle.ForecastSource;
import io.sunsync.hal.Quality;
import io.sunsync.hal.nav.FixType;
import io.sunsync.hal.nav.NavigationChecks;
import io.sunsync.hal.nav.NavigationFix;
import io.sunsync.hal.nav.NavigationReceiver;
import io.sunsync.hal.nav.NavigationSpec;
import io.sunsync.orbit.EclipsePass;
import io.sunsync.orbit.EclipseScan;
import io.sunsync.orbit.ElementSet;
import io.sunsync.orbit.OrekitData;
import io.sunsync.orbit.SunSynchronousElements;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orekit.propagation.analytical.tle.TLEPropagator;

/** Where a satellite has a receiver, flight refreshes its elements from fixes; garbage is a fault, not an orbit. */
class GnssRefreshTest {
    private static final Instant T = Instant.parse("2027-06-21T00:00:00Z");
    private static final NavigationSpec SPEC = new NavigationSpec(10, 0.1, 5);

    /** A receiver on {@code truth}, with GNSS-like noise, read at the clock {@code now}. */
    private static NavigationReceiver receiver(TLEPropagator truth, Supplier<Instant> now, long seed) {
        Random rnd = new Random(seed);
        return new NavigationReceiver() {
            @Override
            public NavigationSpec spec() {
                return SPEC;
            }

            @Override
            public NavigationFix read() {
                Instant t = now.get();
                var pv = truth.getPVCoordinates(OrekitData.date(t), OrekitData.itrf());
                var p = pv.getPosition();
                var v = pv.getVelocity();
                return NavigationChecks.check(new NavigationFix(t, t, p.getX() + 10 * rnd.nextGaussian(),
                        p.getY() + 10 * rnd.nextGaussian(), p.getZ() + 10 * rnd.nextGaussian(),
                        v.getX() + 0.1 * rnd.nextGaussian(), v.getY() + 0.1 * rnd.nextGaussian(),
                        v.getZ() + 0.1 * rnd.nextGaussian(), FixType.THREE_D, 9, 1.3, Quality.GOOD, List.of()), SPEC,
                        "navigation");
            }
        };
    }

    @Test
    void fixesRefreshTheElementsAndThePredictionFollowsTheTrueOrbit(@TempDir Path dir) {
        // The truth: the satellite is 20 s further along its orbit than the uplinked elements say.
        var truthElements = SunSynchronousElements.of(T.minus(Duration.ofDays(3)), 650, 18, OrbitFixture.NORAD, 1.2);
        TLEPropagator truth = TLEPropagator.selectExtrapolator(truthElements, OrekitData.teme());
        Instant[] clock = {T};
        OrbitFixture f = new OrbitFixture(dir, OrbitConfig.defaults(), receiver(truth, () -> clock[0], 3));
        f.orbit.start(T);
        f.orbit.accept(ElementSet.parse(OrbitFixture.tle(T.minus(Duration.ofDays(3)))), T);
        for (long s = 0; s <= 7200; s += 5) {
            clock[0] = T.plusSeconds(s);
            f.orbit.tick(clock[0]);
        }
        OrbitKnowledge.Housekeeping hk = f.orbit.housekeeping(clock[0]);
        assertThat(hk.navigation().usable()).isGreaterThan(100);
        assertThat(hk.navigation().fits()).isEqualTo(1);
        assertThat(hk.navigation().lastFitRmsM()).isBetween(3.0, 50.0);
        assertThat(hk.elements().source()).isEqualTo("GNSS_FIT");
        assertThat(f.codes()).containsSubsequence("ORBIT_ELEMENTS_ACCEPTED", "ORBIT_ELEMENTS_ACCEPTED");
        // The eclipses on board now follow the truth to well under the band.
        List<EclipsePass> sky = new EclipseScan(truth, clock[0]).advanceTo(clock[0].plus(Duration.ofHours(6)));
        var next = f.forecaster.forecast(clock[0]);
        assertThat(next.source()).isEqualTo(ForecastSource.ONBOARD);
        EclipsePass truthNext = sky.get(0);
        double errorS = Math.abs(Duration.between(truthNext.penumbraStart(), next.window().start()).toMillis() / 1000.0);
        assertThat(errorS).isLessThan(0.5).isLessThan(next.uncertaintyS());
    }

    @Test
    void aReceiverReportingGarbageIsAFaultNotAnOrbit(@TempDir Path dir) {
        Random rnd = new Random(5);
        NavigationReceiver garbage = new NavigationReceiver() {
            @Override
            public NavigationSpec spec() {
                return SPEC;
            }

            @Override
            public NavigationFix read() {
                return NavigationChecks.check(new NavigationFix(T, T, rnd.nextGaussian() * 7e6, rnd.nextGaussian() * 7e6,
                        rnd.nextGaussian() * 7e6, rnd.nextGaussian() * 7e3, rnd.nextGaussian() * 7e3,
                        rnd.nextGaussian() * 7e3, FixType.THREE_D, 9, 1.3, Quality.GOOD, List.of()), SPEC, "navigation");
            }
        };
        OrbitFixture f = new OrbitFixture(dir, OrbitConfig.defaults(), garbage);
        f.orbit.start(T);
        f.run(T, 4 * 3600, 5);
        OrbitKnowledge.Housekeeping hk = f.orbit.housekeeping(T.plusSeconds(4 * 3600));
        assertThat(hk.elements()).isNull();
        assertThat(hk.navigation().faulty()).isGreaterThan(200);
        assertThat(hk.navigation().lastFault()).isIn("SENSOR_OUT_OF_RANGE", "NAV_INCONSISTENT");
        // Now and then random numbers happen to make an orbit; the event comes again only after such a fix.
        assertThat(f.codes()).doesNotContain("ORBIT_ELEMENTS_ACCEPTED");
        assertThat(f.codes().stream().filter("NAV_FIX_FAULT"::equals).count()).isBetween(1L, hk.navigation().usable() + 1);
        assertThat(hk.navigation().usable()).isLessThan(hk.navigation().faulty() / 10);
        assertThat(f.forecaster.forecast(T.plusSeconds(4 * 3600)).source()).isEqualTo(ForecastSource.WORST_CASE);
    }
}
