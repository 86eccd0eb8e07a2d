package io.sunsync.sim.accel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.sunsync.sim.scenario.Boards;
import io.sunsync.sim.scenario.CurvePoint;
import io.sunsync.sim.scenario.Scenario;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import org.junit.jupiter.api.Test;

class ThroughputCurveTest {
    private static final ThroughputCurve CURVE = Scenario.reference().boards().curve();

    @Test
    void curvePassesThroughEveryConfiguredPoint() {
        for (CurvePoint p : Boards.DEFAULT_CURVE) {
            assertThat(CURVE.relativeAt(p.powerW())).isCloseTo(p.relative(), within(1e-12));
        }
        assertThat(CURVE.relativeAt(80)).isZero();
        assertThat(CURVE.relativeAt(5000)).isEqualTo(1.0);
    }

    @Test
    void cuttingAnH100LikeBoardFrom700To600WattsEquivalentCosts10To15Percent() {
        // H100: 700 -> 600 W costs 10-15 % of training throughput; the same ratio on a 1 kW board is 1000 -> 857 W.
        double cost = 1 - CURVE.relativeAt(1000 * 600.0 / 700.0) / CURVE.relativeAt(1000);
        assertThat(cost).isBetween(0.10, 0.15);
    }

    @Property(tries = 300)
    void curveIsMonotoneAndConcave(@ForAll @DoubleRange(min = 80, max = 1000) double a,
                                   @ForAll @DoubleRange(min = 80, max = 1000) double b) {
        double lo = Math.min(a, b);
        double hi = Math.max(a, b);
        assertThat(CURVE.relativeAt(hi)).isGreaterThanOrEqualTo(CURVE.relativeAt(lo));
        // Concave: the midpoint lies on or above the chord.
        double mid = CURVE.relativeAt((lo + hi) / 2);
        assertThat(mid).isGreaterThanOrEqualTo((CURVE.relativeAt(lo) + CURVE.relativeAt(hi)) / 2 - 1e-12);
    }

    @Test
    void nonConcaveOrFallingCurvesAreRefused() {
        assertThatThrownBy(() -> new ThroughputCurve(80, 400, 1000, List.of(new CurvePoint(400, 0.3),
                new CurvePoint(700, 0.4), new CurvePoint(1000, 1.0)))).hasMessageContaining("concave");
        assertThatThrownBy(() -> new ThroughputCurve(80, 400, 1000, List.of(new CurvePoint(400, 0.5),
                new CurvePoint(1000, 0.4)))).hasMessageContaining("must not fall");
        assertThatThrownBy(() -> new ThroughputCurve(80, 400, 1000, List.of(new CurvePoint(500, 0.5),
                new CurvePoint(1000, 1.0)))).hasMessageContaining("minCapW");
    }

    @Test
    void envelopeWithBoardsOffStartsAtZeroAndLiesOnOrAboveTheCurve() {
        double[][] env = CURVE.envelopeWithOff();
        assertThat(env[0][0]).isZero();
        assertThat(env[1][0]).isZero();
        assertThat(env[0][env[0].length - 1]).isEqualTo(1000.0);
        // The first vertex after 0 is a most efficient cap: the highest work per watt of any cap.
        double best = 0;
        for (double p = 400; p <= 1000; p += 1) {
            best = Math.max(best, CURVE.relativeAt(p) / p);
        }
        assertThat(env[1][1] / env[0][1]).isCloseTo(best, within(1e-12));
        for (double p = 400; p <= 1000; p += 7) {
            double hull = 0;
            for (int j = 0; j + 1 < env[0].length; j++) {
                if (p >= env[0][j] && p <= env[0][j + 1]) {
                    hull = env[1][j] + (env[1][j + 1] - env[1][j]) * (p - env[0][j]) / (env[0][j + 1] - env[0][j]);
                }
            }
            assertThat(hull).isGreaterThanOrEqualTo(CURVE.relativeAt(p) - 1e-12);
        }
    }
}
