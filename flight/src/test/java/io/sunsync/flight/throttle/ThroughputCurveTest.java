package io.sunsync.flight.throttle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.sunsync.hal.config.ConfigException;
import java.util.List;
import org.junit.jupiter.api.Test;

class ThroughputCurveTest {

    @Test
    void interpolatesThroughTheConfiguredPointsAndIsZeroWhenOff() {
        ThroughputCurve c = ThroughputCurve.defaultCurve();
        assertThat(c.throughputAt(0)).isZero();
        assertThat(c.throughputAt(1.0)).isEqualTo(1.0);
        assertThat(c.throughputAt(0.6)).isEqualTo(0.66);
        assertThat(c.throughputAt(0.65)).isCloseTo((0.66 + 0.76) / 2, within(1e-12));
        // 700 -> 600 W on a 700 W board (1.0 -> 0.857) costs about 10 % of throughput.
        assertThat(1 - c.throughputAt(600.0 / 700.0)).isBetween(0.08, 0.15);
    }

    @Test
    void aConvexCurveIsRefusedNamingThePoint() {
        assertThatThrownBy(() -> new ThroughputCurve(List.of(new ThroughputCurve.Point(0.4, 0.4),
                new ThroughputCurve.Point(0.6, 0.5), new ThroughputCurve.Point(1.0, 1.0))))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("points[2]: the curve must be concave");
    }

    @Test
    void aFixedCostBeforeTheFirstPointIsAllowed() {
        // Off -> 40 % cap buys 0.43 (slope 1.075), the next 10 % buy 0.12 (slope 1.2): idle cost, then concave.
        ThroughputCurve c = ThroughputCurve.defaultCurve();
        assertThat(c.throughputAt(0.5) / 0.5).isGreaterThan(c.throughputAt(0.4) / 0.4);
    }

    @Test
    void aCurveThatDoesNotEndAtFullCapIsRefused() {
        assertThatThrownBy(() -> new ThroughputCurve(List.of(new ThroughputCurve.Point(0.5, 0.7))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("last point must be at cap 1.0");
    }

    @Test
    void decreasingThroughputIsRefused() {
        assertThatThrownBy(() -> new ThroughputCurve(List.of(new ThroughputCurve.Point(0.5, 0.7),
                new ThroughputCurve.Point(1.0, 0.6))))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("points[1].throughput");
    }
}
