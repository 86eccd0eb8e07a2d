package io.sunsync.sim.economy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.sunsync.hal.config.ConfigException;
import io.sunsync.sim.scenario.Scenario;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FleetProjectionTest {

    @Test
    void cohortsServeTheirLifeAndThePartOfAYearTheyStillServeCounts() {
        MassBudget m = MassBudget.of(Scenario.reference());
        // 4 satellites a year, each serving 2.5 years, doing 10, 9 and 8 units in its years of age 0, 1 and 2.
        List<FleetProjection.Year> y = FleetProjection.years(4, 2.5, List.of(10.0, 9.0, 8.0), 4, m);
        assertThat(y).extracting(FleetProjection.Year::satellitesInService).containsExactly(4.0, 8.0, 10.0, 10.0);
        // Year 3: ages 0, 1, 2 (the last at half a year): 40 + 36 + 16 = 92; year 4 the same.
        assertThat(y).extracting(FleetProjection.Year::workUnits).containsExactly(40.0, 76.0, 92.0, 92.0);
        // 4 satellites x 104,116.5 W and x 96 kW of boards.
        assertThat(y.get(0).arrayGwAdded()).isCloseTo(4 * 104_116.5e-9, within(1e-12));
        assertThat(y.get(2).computeGwInService()).isCloseTo(10 * 96_000e-9, within(1e-12));
        assertThat(y.get(2).boardYears()).isCloseTo(92 / (365.25 * 86_400), within(1e-12));
    }

    @Test
    void badInputIsRefusedNamingItBeforeAnythingIsComputed() {
        assertThatThrownBy(() -> FleetProjection.project(Scenario.reference(), -5, 10, MeasuredRatio.DEFAULT))
                .isInstanceOf(ConfigException.class).hasMessageContaining("--tonnes-per-year");
        assertThatThrownBy(() -> FleetProjection.project(Scenario.reference(), 1000, 0, MeasuredRatio.DEFAULT))
                .isInstanceOf(ConfigException.class).hasMessageContaining("--years");
        Scenario weak = Scenario.reference().withValues(Map.of("battery.capacityWh", 500.0));
        assertThatThrownBy(() -> FleetProjection.project(weak, 1000, 10, MeasuredRatio.DEFAULT))
                .isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(((ConfigException) e).key()).isEqualTo("battery.capacityWh"));
    }

    @Test
    void theArrayAgesByItsDegradationRate() {
        assertThat(FleetProjection.ageFactor(Scenario.reference().array(), 5)).isCloseTo(Math.pow(0.985, 5), within(1e-12));
    }
}
