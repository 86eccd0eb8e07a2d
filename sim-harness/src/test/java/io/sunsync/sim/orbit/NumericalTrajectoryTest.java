package io.sunsync.sim.orbit;

import static org.assertj.core.api.Assertions.assertThat;

import io.sunsync.sim.scenario.Orbit;
import io.sunsync.sim.scenario.Scenario;
import org.junit.jupiter.api.Test;

class NumericalTrajectoryTest {
    private static final double DAY_S = 86_400;

    @Test
    void aTableMadeForTheRunGivesTheSameTruthBitForBitAsOneThatGrows() {
        Scenario sc = Scenario.reference();
        Orbit o = sc.orbit();
        NumericalTrajectory growing = new NumericalTrajectory(o.model(), sc.start(), o.spacecraft());
        // Reserved for 1.5 days and asked for 3: it grows past the reservation too.
        NumericalTrajectory reserved = new NumericalTrajectory(o.model(), sc.start(), o.spacecraft(), 1.5 * DAY_S);
        double[] a = new double[6];
        double[] b = new double[6];
        double[] sunA = new double[4];
        double[] sunB = new double[4];
        for (double tS : new double[] {2.9 * DAY_S, 0, 1234.5, 0.7 * DAY_S, 1.6 * DAY_S, 2.2 * DAY_S, -0.3 * DAY_S}) {
            growing.state(tS, a);
            reserved.state(tS, b);
            growing.sun(tS, sunA);
            reserved.sun(tS, sunB);
            assertThat(b).as("state at %s s", tS).containsExactly(a);
            assertThat(sunB).as("sun at %s s", tS).containsExactly(sunA);
        }
        // A real state, not zeros: 650-ish km above a 6,378 km Earth.
        assertThat(Math.sqrt(a[0] * a[0] + a[1] * a[1] + a[2] * a[2])).isBetween(6.7e6, 7.4e6);
    }
}
