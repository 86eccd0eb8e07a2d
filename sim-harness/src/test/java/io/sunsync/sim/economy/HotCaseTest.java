package io.sunsync.sim.economy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.sunsync.sim.power.SolarArray;
import io.sunsync.sim.scenario.Scenario;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HotCaseTest {

    @Test
    void referenceHotCaseIsTheLoopSteadyStateWithEveryBoardAtItsMaximum() {
        HotCase h = HotCase.of(Scenario.reference());
        // 48 boards x 1 kW + a 300 W pump into each loop's 120 m² of radiating faces (half of 2 x 120 m²):
        double q = 48_000 + 300;
        double radiatorK = Math.pow(q / (0.9 * SolarArray.SIGMA * 120) + Math.pow(180, 4), 0.25);
        assertThat(h.loopHeatW()).isEqualTo(q);
        assertThat(h.radiatorC()).isCloseTo(radiatorK - 273.15, within(1e-9));
        assertThat(h.radiatorC()).isCloseTo(34.31, within(0.01));
        assertThat(h.fluidC()).isCloseTo(34.31 + q / 4000, within(0.01));           // 46.39 °C
        assertThat(h.dieC()).isCloseTo(46.39 + 1000 * 0.025, within(0.01));         // 71.39 °C, "near 72 °C"
        assertThat(h.marginK()).isCloseTo(83 - 71.39, within(0.01));                // the slowdown is nearer
        assertThat(h.holds()).isTrue();
    }

    @Test
    void moreBoardsThanTheArrayFeedsHeatOnlyWhatTheArrayDelivers() {
        HotCase h = HotCase.of(Scenario.reference().withValues(Map.of("boards.count", 200)));
        double sustained = 104_116.5 * HotCase.PERIHELION_FACTOR - 2600;
        assertThat(h.boardsHeatW()).isCloseTo(sustained / 2, within(1e-6));
    }

    @Test
    void aSmallRadiatorOverheatsTheBoards() {
        HotCase h = HotCase.of(Scenario.reference().withValues(Map.of("thermal.radiatorAreaM2", 60.0)));
        assertThat(h.holds()).isFalse();
        assertThat(h.dieC()).isGreaterThan(83);
    }
}
