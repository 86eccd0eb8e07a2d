package io.sunsync.flight.orbit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.sunsync.flight.throttle.EclipseForecaster;
import io.sunsync.flight.throttle.EclipseWindow;
import io.sunsync.flight.throttle.ForecastSource;
import io.sunsync.orbit.EclipsePass;
import io.sunsync.orbit.EclipseScan;
import io.sunsync.orbit.ElementSet;
import io.sunsync.orbit.ElementsException;
import io.sunsync.orbit.ElementsProblem;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OrbitKnowledgeTest {
    private static final Instant T = Instant.parse("2027-06-21T00:00:00Z");

    @Test
    void uplinkedElementsPredictTheComingEclipsesWithABandThatGrowsWithAge(@TempDir Path dir) {
        OrbitFixture f = new OrbitFixture(dir, OrbitConfig.defaults(), null);
        f.orbit.start(T);
        Instant epoch = T.minus(Duration.ofDays(2));
        ElementSet elements = ElementSet.parse(OrbitFixture.tle(epoch));
        var report = f.orbit.accept(elements, T);
        assertThat(report).containsEntry("source", "UPLINK").containsEntry("noradId", 67001).containsEntry("persisted", true);
        assertThat(f.codes()).containsExactly("ORBIT_ELEMENTS_ACCEPTED");
        // In season (solstice): the first piece of prediction is there at once, the rest of the horizon
        // within a few planning cycles.
        assertThat(f.forecaster.forecast(T).source()).isEqualTo(ForecastSource.ONBOARD);
        f.run(T, 120, 5);
        OrbitKnowledge.Housekeeping hk = f.orbit.housekeeping(T.plusSeconds(120));
        assertThat(hk.predictedUntil()).isAfter(T.plus(Duration.ofHours(11)));
        assertThat(hk.elements().ageDays()).isCloseTo(2.0, within(0.01));

        // The windows are Orekit's shadow passes for these elements, to the millisecond.
        List<EclipsePass> reference = new EclipseScan(elements.propagator(), T).advanceTo(T.plus(Duration.ofHours(11)));
        List<EclipseWindow> predicted = f.forecaster.onboardWindows();
        assertThat(reference).hasSizeGreaterThan(5);
        for (EclipsePass p : reference) {
            EclipseWindow w = predicted.stream().filter(x -> millisApart(x.start(), p.penumbraStart()) <= 2).findFirst()
                    .orElseThrow();
            assertThat(millisApart(w.umbraStart(), p.umbraStart())).isLessThanOrEqualTo(2);
            assertThat(millisApart(w.end(), p.penumbraEnd())).isLessThanOrEqualTo(2);
        }
        // The band: 2 s of shadow model + (1 km + 2 km/day x age) at ~7.5 km/s; later windows are older.
        EclipseWindow first = predicted.get(0);
        double age = Duration.between(epoch, first.start()).toMillis() / 86_400_000.0;
        assertThat(first.uncertaintyS()).isCloseTo(2 + (1000 + 2000 * age) / 7530, within(0.05));
        assertThat(predicted.get(predicted.size() - 1).uncertaintyS()).isGreaterThan(first.uncertaintyS());
    }

    private static long millisApart(Instant a, Instant b) {
        return Math.abs(Duration.between(a, b).toMillis());
    }

    @Test
    void refusedElementsLeaveTheForecastInForce(@TempDir Path dir) {
        OrbitFixture f = new OrbitFixture(dir, OrbitConfig.defaults(), null);
        f.orbit.start(T);
        f.orbit.accept(ElementSet.parse(OrbitFixture.tle(T.minus(Duration.ofDays(1)))), T);
        f.run(T, 60, 5);
        EclipseForecaster.Forecast before = f.forecaster.forecast(T.plusSeconds(60));
        ElementSet stale = ElementSet.parse(OrbitFixture.tle(T.minus(Duration.ofDays(30))));
        assertThatThrownBy(() -> f.orbit.accept(stale, T.plusSeconds(60))).isInstanceOfSatisfying(ElementsException.class,
                e -> assertThat(e.problem()).isEqualTo(ElementsProblem.TOO_OLD));
        assertThat(f.forecaster.forecast(T.plusSeconds(60))).isEqualTo(before);
        assertThat(f.codes()).endsWith("ORBIT_ELEMENTS_REFUSED");
        assertThat(f.orbit.housekeeping(T.plusSeconds(60)).elementsRefused()).isEqualTo(1);
        assertThat(f.orbit.housekeeping(T.plusSeconds(60)).elements().epoch()).isEqualTo(T.minus(Duration.ofDays(1)));
    }

    @Test
    void elementsThatGrowTooOldStopBeingFlown(@TempDir Path dir) {
        OrbitFixture f = new OrbitFixture(dir, OrbitConfig.defaults(), null);
        f.orbit.start(T);
        f.orbit.accept(ElementSet.parse(OrbitFixture.tle(T.minus(Duration.ofHours(21 * 24 - 1)))), T);
        assertThat(f.forecaster.forecast(T).source()).isEqualTo(ForecastSource.ONBOARD);
        f.run(T, 2 * 3600, 5);
        assertThat(f.codes()).contains("ORBIT_ELEMENTS_EXPIRED");
        assertThat(f.forecaster.forecast(T.plusSeconds(7200)).source()).isEqualTo(ForecastSource.WORST_CASE);
        assertThat(f.orbit.housekeeping(T.plusSeconds(7200)).elements().expired()).isTrue();
    }
}
