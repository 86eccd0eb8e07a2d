package io.sunsync.flight.throttle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class ThermalGovernorTest {
    private static final Instant T = Instant.parse("2027-06-21T00:00:00Z");

    @Test
    void capsComeDownLinearlyBetweenTheSoftAndHardMarginsBeforeTheHardwareThrottles() {
        ThermalGovernor g = new ThermalGovernor(ThrottlerConfig.defaults());
        // slowdown 83 °C: soft 76 °C, hard 81 °C
        assertThat(g.limitCapW("a", T, 60, 83, 400, 1000)).isEqualTo(1000);
        assertThat(g.limitCapW("a2", T, 75.9, 83, 400, 1000)).isEqualTo(1000);
        assertThat(g.limitCapW("b", T, 78.5, 83, 400, 1000)).isCloseTo(700, within(1e-9));
        assertThat(g.limitCapW("c", T, 80.99, 83, 400, 1000)).isCloseTo(401.2, within(0.01));
        assertThat(g.limitCapW("d", T, 82, 83, 400, 1000)).isZero();
    }

    @Test
    void aRisingTemperatureIsAnticipatedAlongItsTrend() {
        ThermalGovernor g = new ThermalGovernor(ThrottlerConfig.defaults());
        double limit = 0;
        for (int t = 0; t <= 20; t++) {
            limit = g.limitCapW("a", T.plusSeconds(t), 66 + 0.25 * t, 83, 400, 1000);
        }
        // 0.25 °C/s for 20 s, to 71 °C: extrapolated 30 s ahead, 78.5 °C, 2.5 of the 5 °C between soft
        // (76 °C) and hard (81 °C): 1000 - 600 * 2.5 / 5 = 700 W. At 71 °C alone it would be 1000 W.
        assertThat(limit).isCloseTo(700, within(1e-6));
    }

    @Test
    void aSteadyBoardWhoseWholeDegreeReadingTicksUpIsNotDerated() {
        // NVML reads whole degrees: a board steady at 70.5 °C reads 70 and then 71. The slope of the
        // last two readings (smoothed) put it at 80 °C thirty seconds on and cut it to 475 W.
        ThermalGovernor g = new ThermalGovernor(ThrottlerConfig.defaults());
        double limit = 0;
        for (int t = 0; t <= 60; t++) {
            limit = g.limitCapW("a", T.plusSeconds(t), t < 60 ? 70 : 71, 83, 400, 1000);
        }
        assertThat(limit).isEqualTo(1000);
    }

    @Test
    void theTrendForgetsReadingsOlderThanTheLookahead() {
        ThermalGovernor g = new ThermalGovernor(ThrottlerConfig.defaults());
        for (int t = 0; t <= 30; t++) {
            g.limitCapW("a", T.plusSeconds(t), 50 + t, 83, 400, 1000); // warming up at 1 °C/s to 80 °C
        }
        double limit = 0;
        for (int t = 31; t <= 70; t++) {
            limit = g.limitCapW("a", T.plusSeconds(t), 72, 83, 400, 1000); // then steady at 72 °C
        }
        assertThat(limit).isEqualTo(1000);
    }

    @Test
    void anUnknownTemperatureImposesNoLimitHere() {
        ThermalGovernor g = new ThermalGovernor(ThrottlerConfig.defaults());
        assertThat(g.limitCapW("a", T, Double.NaN, 83, 400, 1000)).isEqualTo(1000);
    }
}
