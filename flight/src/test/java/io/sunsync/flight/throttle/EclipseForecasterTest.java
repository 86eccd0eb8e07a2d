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
        EclipseForecaster f = new EclipseForecaster();
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
}
