package io.sunsync.flight.throttle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class EclipseForecasterTest {
    private static final Instant T0 = Instant.parse("2027-06-01T00:00:00Z");
    private static final long PERIOD_S = 5861;

    /** Feeds orbits whose eclipse lengthens by {@code growthS} per orbit, sampled every 10 s. */
    private static EclipseForecaster fed(int orbits, double firstEclipseS, double growthS) {
        return fed(orbits, firstEclipseS, growthS, EclipseForecaster.Trust.defaults());
    }

    private static EclipseForecaster fed(int orbits, double firstEclipseS, double growthS, EclipseForecaster.Trust trust) {
        EclipseForecaster f = new EclipseForecaster(trust);
        for (long s = 0; s < orbits * PERIOD_S; s += 10) {
            long orbit = s / PERIOD_S;
            double eclipse = firstEclipseS + orbit * growthS;
            boolean sunlit = (s % PERIOD_S) < PERIOD_S - eclipse;
            f.observe(T0.plusSeconds(s), sunlit);
        }
        return f;
    }

    @Test
    void unknownUntilTwoEclipsesHaveBeenSeen() {
        EclipseForecaster f = fed(1, 600, 0);
        assertThat(f.known(T0.plusSeconds(PERIOD_S))).isFalse();
        assertThat(f.nextOrCurrent(T0.plusSeconds(PERIOD_S))).isEmpty();
    }

    @Test
    void predictsTheNextEclipseFromThePeriodAndTheDurationTrend() {
        EclipseForecaster f = fed(3, 600, 30);
        Instant now = T0.plusSeconds(3 * PERIOD_S + 100);
        for (long s = 3 * PERIOD_S; s <= 3 * PERIOD_S + 100; s += 10) {
            f.observe(T0.plusSeconds(s), true); // out of the third eclipse
        }
        EclipseWindow next = f.nextOrCurrent(now).orElseThrow();
        // Three eclipses seen (600, 630, 660 s): the next ends orbit 4 and lasts 690 s (sampling: ±10 s).
        double expectedStart = 4 * PERIOD_S - (600 + 3 * 30);
        assertThat((double) next.start().getEpochSecond() - T0.getEpochSecond()).isCloseTo(expectedStart, within(20.0));
        assertThat(next.durationS()).isCloseTo(690, within(20.0));
    }

    @Test
    void theEndOfASeasonIsRecognisedWhenThePredictedEclipsesStopComing() {
        EclipseForecaster f = fed(3, 600, 0);
        // Three more orbits fully sunlit.
        for (long s = 3 * PERIOD_S; s < 6 * PERIOD_S; s += 10) {
            f.observe(T0.plusSeconds(s), true);
        }
        assertThat(f.known(T0.plusSeconds(6 * PERIOD_S))).isFalse();
    }

    @Test
    void anUplinkedEphemerisTakesPrecedence() {
        EclipseForecaster f = fed(3, 600, 0);
        Instant s = T0.plusSeconds(4 * PERIOD_S);
        f.uplink(List.of(new EclipseWindow(s, s.plusSeconds(1000))));
        assertThat(f.nextOrCurrent(T0.plusSeconds(3 * PERIOD_S + 100)).orElseThrow().durationS()).isEqualTo(1000);
    }

    @Test
    void anEclipseTheSatelliteHasBeenSeenToLeaveIsOverThoughItsBandIsNot() {
        // A window with a 120 s band: before the sunrise its late edge is still ahead, and until the
        // satellite is seen to leave the shadow it is the eclipse in progress. Once it has left, the band's
        // late edge must not hold the boards at the eclipse plan: the next window is the one ahead.
        EclipseForecaster f = new EclipseForecaster();
        Instant first = T0.plusSeconds(1000);
        Instant second = first.plusSeconds(PERIOD_S);
        f.uplink(List.of(window(first, 1200, 120, ForecastSource.GROUND), window(second, 1200, 120, ForecastSource.GROUND)));
        for (long s = 0; s <= 2210; s += 10) {
            f.observe(T0.plusSeconds(s), s < 1000 || s >= 2200);
            if (s == 2190) {
                assertThat(f.nextOrCurrent(T0.plusSeconds(s)).orElseThrow().start()).isEqualTo(first);
            }
        }
        assertThat(f.nextOrCurrent(T0.plusSeconds(2210)).orElseThrow().start()).isEqualTo(second);
    }

    private static EclipseWindow window(Instant start, long durationS, double bandS, ForecastSource source) {
        return new EclipseWindow(start, start.plusSeconds(durationS), start.plusSeconds(10),
                start.plusSeconds(durationS - 10), bandS, source);
    }

    @Test
    void precedenceIsFreshGroundThenOnboardThenLearnedThenWorstCase() {
        EclipseForecaster f = new EclipseForecaster(new EclipseForecaster.Trust(3600, 10, 1));
        Instant now = T0.plusSeconds(100);
        assertThat(f.forecast(now).source()).isEqualTo(ForecastSource.WORST_CASE);
        assertThat(f.forecast(now).window()).isNull();

        EclipseForecaster learned = fed(3, 600, 0, new EclipseForecaster.Trust(1800, 10, 1));
        Instant afterThree = T0.plusSeconds(3 * PERIOD_S + 100);
        learned.observe(afterThree, true); // out of the third eclipse
        assertThat(learned.forecast(afterThree).source()).isEqualTo(ForecastSource.LEARNED);
        assertThat(learned.forecast(afterThree).uncertaintyS()).isEqualTo(10);

        Instant next = T0.plusSeconds(4 * PERIOD_S - 600);
        learned.onboard(List.of(window(next, 600, 3, ForecastSource.ONBOARD)), afterThree.minusSeconds(10),
                afterThree.plusSeconds(4000), true);
        assertThat(learned.forecast(afterThree).source()).isEqualTo(ForecastSource.ONBOARD);
        assertThat(learned.forecast(afterThree).uncertaintyS()).isEqualTo(3);

        learned.uplink(List.of(window(next.plusSeconds(1), 600, 2, ForecastSource.GROUND)), afterThree);
        assertThat(learned.forecast(afterThree).source()).isEqualTo(ForecastSource.GROUND);
        assertThat(learned.forecast(afterThree).window().start()).isEqualTo(next.plusSeconds(1));
        // The ephemeris goes stale after ephemerisMaxAgeS: on-board prediction takes over.
        assertThat(learned.forecast(afterThree.plusSeconds(1801)).source()).isEqualTo(ForecastSource.ONBOARD);
        // Past the on-board prediction's coverage: back to what was learned.
        assertThat(learned.forecast(afterThree.plusSeconds(4001)).source()).isEqualTo(ForecastSource.LEARNED);
    }

    @Test
    void onboardCoverageWithoutAnEclipseSaysSoRatherThanFallingBack() {
        EclipseForecaster f = fed(3, 600, 0);
        Instant t = T0.plusSeconds(3 * PERIOD_S + 100);
        f.onboard(List.of(), t, t.plusSeconds(12 * 3600), true); // out of season: no eclipse for 12 h
        assertThat(f.forecast(t).source()).isEqualTo(ForecastSource.ONBOARD);
        assertThat(f.forecast(t).window()).isNull();
    }

    @Test
    void whenGroundAndOnboardDisagreeTheBandCoversBoth() {
        EclipseForecaster f = new EclipseForecaster();
        Instant t = T0;
        Instant truth = T0.plusSeconds(1000);
        f.onboard(List.of(window(truth, 1200, 4, ForecastSource.ONBOARD)), t, t.plusSeconds(43_200), true);
        f.uplink(List.of(window(truth.plusSeconds(60), 1200, 2, ForecastSource.GROUND)), t); // 60 s late
        EclipseForecaster.Forecast fc = f.forecast(t);
        assertThat(fc.source()).isEqualTo(ForecastSource.GROUND);
        assertThat(fc.uncertaintyS()).isEqualTo(64); // 60 s apart plus the on-board band
        assertThat(fc.window().earliestStart()).isBeforeOrEqualTo(truth.minusSeconds(4));
    }

    @Test
    void anOnboardEclipseTheGroundDoesNotListComesFirst() {
        EclipseForecaster f = new EclipseForecaster();
        f.onboard(List.of(window(T0.plusSeconds(1000), 1200, 4, ForecastSource.ONBOARD)), T0, T0.plusSeconds(43_200), true);
        f.uplink(List.of(window(T0.plusSeconds(1000 + PERIOD_S), 1200, 2, ForecastSource.GROUND)), T0);
        assertThat(f.forecast(T0).source()).isEqualTo(ForecastSource.ONBOARD);
        assertThat(f.forecast(T0).window().start()).isEqualTo(T0.plusSeconds(1000));
    }

    @Test
    void anEclipseSeenLateWidensThatSourcesBandUntilNewDataComes() {
        EclipseForecaster f = new EclipseForecaster();
        Instant predicted = T0.plusSeconds(1000);
        List<EclipseWindow> windows = List.of(window(predicted, 1200, 2, ForecastSource.GROUND),
                window(predicted.plusSeconds(PERIOD_S), 1200, 2, ForecastSource.GROUND));
        f.uplink(windows, T0);
        // The sky: the shadow comes between 1034 and 1035 s, 24 s after the predicted umbra entry (1010 s).
        for (long s = 0; s <= 1100; s++) {
            f.observe(T0.plusSeconds(s), s < 1035);
        }
        assertThat(f.lastErrorS(ForecastSource.GROUND)).contains(24.0);
        EclipseForecaster.Forecast next = f.forecast(T0.plusSeconds(3000));
        assertThat(next.window().start()).isEqualTo(predicted.plusSeconds(PERIOD_S));
        assertThat(next.uncertaintyS()).isEqualTo(25); // 24 s seen plus the 1 s resolution
        f.uplink(windows, T0.plusSeconds(3000)); // a new ephemeris: what was learned about the old one goes
        assertThat(f.forecast(T0.plusSeconds(3000)).uncertaintyS()).isEqualTo(2);
    }

    @Test
    void aSourceThatMissesAnEclipseIsSetAsideUntilItsDataIsReplaced() {
        EclipseForecaster f = new EclipseForecaster();
        // On board predicts an eclipse an hour off (wrong elements that passed the checks).
        f.onboard(List.of(window(T0.plusSeconds(5000), 1200, 5, ForecastSource.ONBOARD)), T0, T0.plusSeconds(43_200), true);
        for (long s = 0; s <= 1100; s++) {
            f.observe(T0.plusSeconds(s), s < 1000);
        }
        assertThat(f.missedAnEclipse(ForecastSource.ONBOARD)).isTrue();
        assertThat(f.lastErrorS(ForecastSource.ONBOARD).orElseThrow()).isNaN();
        assertThat(f.forecast(T0.plusSeconds(1100)).source()).isEqualTo(ForecastSource.WORST_CASE);
        f.onboard(List.of(window(T0.plusSeconds(1000 + PERIOD_S), 1200, 5, ForecastSource.ONBOARD)), T0.plusSeconds(1100),
                T0.plusSeconds(43_200), true);
        assertThat(f.missedAnEclipse(ForecastSource.ONBOARD)).isFalse();
        assertThat(f.forecast(T0.plusSeconds(1100)).source()).isEqualTo(ForecastSource.ONBOARD);
    }

    @Test
    void restoredObservationsPredictAtOnceAfterARestart() {
        EclipseForecaster before = fed(3, 600, 0);
        Instant t = T0.plusSeconds(3 * PERIOD_S + 100);
        before.observe(t, true); // out of the third eclipse
        EclipseForecaster after = new EclipseForecaster();
        after.restoreObserved(before.observed());
        assertThat(after.forecast(t).source()).isEqualTo(ForecastSource.LEARNED);
        assertThat(after.nextOrCurrent(t)).isEqualTo(before.nextOrCurrent(t));
    }

    @Test
    void aSourceWhoseEclipseNeverComesIsSetAsideOnceItsWindowHasPassed() {
        EclipseForecaster f = new EclipseForecaster();
        // On board predicts an eclipse at 1000..2200 s; the sky stays lit through it (wrong phase).
        f.onboard(List.of(window(T0.plusSeconds(1000), 1200, 5, ForecastSource.ONBOARD)), T0, T0.plusSeconds(43_200), true);
        for (long s = 0; s < 2204; s++) {
            f.observe(T0.plusSeconds(s), true);
        }
        assertThat(f.missedAnEclipse(ForecastSource.ONBOARD)).isFalse(); // the window, band included, not over yet
        f.observe(T0.plusSeconds(2205), true);
        assertThat(f.missedAnEclipse(ForecastSource.ONBOARD)).isTrue();
        assertThat(f.lastErrorS(ForecastSource.ONBOARD).orElseThrow()).isNaN();
    }

    @Test
    void anEclipseThatComesLateIsAnErrorToWidenNotAFalseAlarm() {
        EclipseForecaster f = new EclipseForecaster();
        f.onboard(List.of(window(T0.plusSeconds(1000), 1200, 5, ForecastSource.ONBOARD),
                window(T0.plusSeconds(1000 + PERIOD_S), 1200, 5, ForecastSource.ONBOARD)), T0, T0.plusSeconds(43_200), true);
        for (long s = 0; s < 3000; s++) {
            f.observe(T0.plusSeconds(s), s < 1100 || s >= 2300); // 90 s late
        }
        assertThat(f.missedAnEclipse(ForecastSource.ONBOARD)).isFalse();
        assertThat(f.lastErrorS(ForecastSource.ONBOARD)).isPresent();
        assertThat(f.forecast(T0.plusSeconds(3000)).uncertaintyS()).isGreaterThanOrEqualTo(90);
    }

    @Test
    void aGrazingPassSeenLitThroughoutDoesNotSetAsideTheSourceThatPredictedIt() {
        // The first passes of the season dim the array without darkening it: the satellite sees light
        // all through. A window that says it never reaches the umbra (its umbra a point at its middle)
        // is no false alarm; one that said it goes dark there would be.
        EclipseForecaster grazing = new EclipseForecaster();
        Instant start = T0.plusSeconds(1000);
        grazing.uplink(List.of(new EclipseWindow(start, start.plusSeconds(120), start.plusSeconds(60),
                start.plusSeconds(60), 0, ForecastSource.GROUND, 0.7)));
        EclipseForecaster total = new EclipseForecaster();
        total.uplink(List.of(new EclipseWindow(start, start.plusSeconds(120), start.plusSeconds(10),
                start.plusSeconds(110), 0, ForecastSource.GROUND)));
        for (long s = 0; s < 1300; s++) {
            grazing.observe(T0.plusSeconds(s), true);
            total.observe(T0.plusSeconds(s), true);
        }
        assertThat(grazing.missedAnEclipse(ForecastSource.GROUND)).isFalse();
        assertThat(total.missedAnEclipse(ForecastSource.GROUND)).isTrue();
        // a window that states no umbra (dark from start to end, as an uplink without umbra times is)
        // says nothing of where the dark lies: light seen through it is no error either
        EclipseForecaster unstated = new EclipseForecaster();
        unstated.uplink(List.of(new EclipseWindow(start, start.plusSeconds(120))));
        for (long s = 0; s < 1300; s++) {
            unstated.observe(T0.plusSeconds(s), true);
        }
        assertThat(unstated.missedAnEclipse(ForecastSource.GROUND)).isFalse();
    }
}
