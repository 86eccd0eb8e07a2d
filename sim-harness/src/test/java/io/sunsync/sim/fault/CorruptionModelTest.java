package io.sunsync.sim.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.sunsync.sim.scenario.Scenario;
import io.sunsync.testkit.Digests;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class CorruptionModelTest {
    private static byte[] in(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] sha(String s) {
        return Digests.sha256(in(s));
    }

    /** Fraction of {@code n} one-unit items board {@code b} gets wrong in an environment of factor {@code env}. */
    private static double wrongFraction(CorruptionModel m, int b, double env, int n) throws Exception {
        double[] work = new double[8];
        int wrong = 0;
        for (int k = 0; k < n; k++) {
            work[b] += 1;
            m.accrue(work, env);
            if (!Arrays.equals(m.compute(b, in("item-" + k), 1.0, k), sha("item-" + k))) {
                wrong++;
            }
        }
        return wrong / (double) n;
    }

    @Test
    void aBoardComputesTheDigestAndGetsItWrongAtTheModelledRate() throws Exception {
        // perWorkUnit 0.01, no spread: p = 1 - exp(-0.01) = 0.00995 per one-unit item at factor 1.
        CorruptionModel m = new CorruptionModel(new Scenario.SilentCorruption(0.01, 0.0, 0, null), 8, 3);

        assertThat(wrongFraction(m, 2, 1.0, 40_000)).isCloseTo(-Math.expm1(-0.01), within(0.0015));
        assertThat(m.corrupted(2)).isEqualTo(m.corruptions().size());
        assertThat(m.corruptions()).allSatisfy(c -> assertThat(c.board()).isEqualTo(2));
    }

    @Test
    void theSouthAtlanticAnomalysFactorRaisesTheRateOnceTheBoardHasWorkedInIt() throws Exception {
        CorruptionModel quiet = new CorruptionModel(new Scenario.SilentCorruption(0.002, 0.0, 0, null), 8, 5);
        CorruptionModel anomaly = new CorruptionModel(new Scenario.SilentCorruption(0.002, 0.0, 0, null), 8, 5);

        double q = wrongFraction(quiet, 0, 1.0, 30_000);
        double a = wrongFraction(anomaly, 0, 25.0, 30_000);

        assertThat(q).isCloseTo(-Math.expm1(-0.002), within(0.001));
        assertThat(a).isCloseTo(-Math.expm1(-0.05), within(0.006));
    }

    @Test
    void weakBoardsAreDrawnFromTheSeedAndCorruptFarMoreOften() throws Exception {
        Scenario.SilentCorruption c = new Scenario.SilentCorruption(1e-5, 0.5, 2, 2000.0);
        CorruptionModel m = new CorruptionModel(c, 8, 11);
        CorruptionModel again = new CorruptionModel(c, 8, 11);

        assertThat(m.weakBoards()).hasSize(2).isEqualTo(again.weakBoards());
        int weak = m.weakBoards().get(0);
        int strong = java.util.stream.IntStream.range(0, 8).filter(i -> !m.weakBoards().contains(i)).findFirst().orElseThrow();
        assertThat(m.susceptibility(weak) / m.susceptibility(strong)).isGreaterThan(100);
        assertThat(wrongFraction(m, weak, 1.0, 5000)).isGreaterThan(0.005);
        assertThat(wrongFraction(m, strong, 1.0, 5000)).isLessThan(0.001);
    }

    @Test
    void withoutARateNothingIsEverWrong() throws Exception {
        CorruptionModel m = new CorruptionModel(new Scenario.SilentCorruption(0.0, 1.0, 3, null), 4, 1);

        assertThat(m.active()).isFalse();
        assertThat(wrongFraction(m, 1, 25.0, 2000)).isZero();
        assertThat(m.computed(1)).isEqualTo(2000);
    }

    @Test
    void theSameSeedCorruptsTheSameItemsTheSameWay() throws Exception {
        CorruptionModel a = new CorruptionModel(new Scenario.SilentCorruption(0.05, 0.0, 0, null), 2, 7);
        CorruptionModel b = new CorruptionModel(new Scenario.SilentCorruption(0.05, 0.0, 0, null), 2, 7);
        for (int k = 0; k < 500; k++) {
            assertThat(a.compute(1, in("x" + k), 1.0, k)).isEqualTo(b.compute(1, in("x" + k), 1.0, k));
        }
        assertThat(a.corruptions()).isNotEmpty().isEqualTo(b.corruptions());
    }
}
