package io.sunsync.sim.economy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sunsync.hal.config.ConfigException;
import io.sunsync.sim.scenario.Scenario;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DesignSearchTest {

    @Test
    void theRadiatorIsTheLeastAreaWhoseHotCaseHolds() {
        Scenario s = Scenario.reference();
        double m2 = DesignSearch.leastRadiatorM2(s, 10, 400);
        assertThat(HotCase.of(s.withValues(Map.of("thermal.radiatorAreaM2", m2))).holds()).isTrue();
        assertThat(HotCase.of(s.withValues(Map.of("thermal.radiatorAreaM2", m2 - 1))).holds()).isFalse();
        // The reference's 120 m² keep 18.6 K below the loop limit; about 106 m² keep 2 K below the slowdown.
        assertThat(m2).isBetween(100.0, 115.0);
        assertThat(DesignSearch.leastRadiatorM2(s.withValues(Map.of("boards.count", 200)), 10, 50)).isNaN();
    }

    @Test
    void gridsCoverTheBounds() {
        assertThat(DesignSearch.grid(48, 192, 6)).containsExactly(48, 77, 106, 134, 163, 192);
        assertThat(DesignSearch.geometric(5000, 80_000, 5)).containsExactly(new double[] {5000, 10_000, 20_000, 40_000,
                80_000}, org.assertj.core.api.Assertions.within(1e-6));
    }

    @Test
    void boundsAndObjectivesAreCheckedWhereTheyAreGiven() {
        assertThatThrownBy(() -> new DesignSearch.Bounds(10, 5, 1, 2, 1, 2)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("boards");
        assertThatThrownBy(() -> DesignSearch.Objective.parse("work-per-joule")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("--objective");
        assertThat(DesignSearch.Objective.parse("work-per-usd")).isEqualTo(DesignSearch.Objective.WORK_PER_USD);
    }
}
