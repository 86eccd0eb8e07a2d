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
        // slowdown 83 °C: soft 73 °C, hard 81 °C
        assertThat(g.limitCapW("a", T, 60, 83, 400, 1000)).isEqualTo(1000);
        assertThat(g.limitCapW("b", T, 77, 83, 400, 1000)).isCloseTo(700, within(1e-9));
        assertThat(g.limitCapW("c", T, 80.99, 83, 400, 1000)).isCloseTo(400.75, within(0.01));
        assertThat(g.limitCapW("d", T, 82, 83, 400, 1000)).isZero();
    }

    @Test
    void aRisingTemperatureIsAnticipated() {
        ThermalGovernor g = new ThermalGovernor(ThrottlerConfig.defaults());
        g.limitCapW("a", T, 70, 83, 400, 1000);
        double limit = g.limitCapW("a", T.plusSeconds(1), 71, 83, 400, 1000);
        // +1 °C/s smoothed to 0.3 °C/s, extrapolated 30 s ahead: 71 + 0.3 * 30 = 80 °C, 7 of the 8 °C
        // between soft (73 °C) and hard (81 °C): 1000 - 600 * 7 / 8 = 475 W. At 71 °C alone it would be 1000 W.
        assertThat(limit).isCloseTo(475, within(1e-9));
    }

    @Test
    void anUnknownTemperatureImposesNoLimitHere() {
        ThermalGovernor g = new ThermalGovernor(ThrottlerConfig.defaults());
        assertThat(g.limitCapW("a", T, Double.NaN, 83, 400, 1000)).isEqualTo(1000);
    }
}
