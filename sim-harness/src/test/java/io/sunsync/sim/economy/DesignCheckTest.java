package io.sunsync.sim.economy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.sunsync.hal.config.ConfigException;
import io.sunsync.sim.scenario.Scenario;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DesignCheckTest {

    @Test
    void theReferenceSatelliteCanFly() {
        assertThat(DesignCheck.problems(Scenario.reference())).isEmpty();
        assertThat(DesignCheck.essentialW(Scenario.reference())).isEqualTo(2000 + 2 * 300);
    }

    @Test
    void aBatteryThatCannotCarryHousekeepingThroughTheLongestEclipseIsRefusedNamingItsCapacity() {
        Scenario ref = Scenario.reference();
        double longestS = DesignCheck.season(ref).longestEclipseS();
        assertThat(longestS / 60).isCloseTo(19.7, within(0.3)); // 650 km dawn-dusk (docs/sim-harness.md validation)
        // 2.6 kW for the longest eclipse, through the 0.96 discharge efficiency, from 65 % of the capacity:
        double neededWh = 2600 * longestS / 3600 / 0.96;          // ~889 Wh
        double minCapacityWh = neededWh / 0.65;                   // ~1368 Wh
        Scenario tooSmall = ref.withValues(Map.of("battery.capacityWh", minCapacityWh - 20));
        assertThatThrownBy(() -> DesignCheck.require(tooSmall))
                .isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(((ConfigException) e).key()).isEqualTo("battery.capacityWh"))
                .hasMessageContaining("cannot carry housekeeping and the pumps (2600 W) through the longest eclipse")
                .hasMessageContaining("needs at least " + (long) Math.ceil(minCapacityWh) + " Wh");
        Scenario justEnough = ref.withValues(Map.of("battery.capacityWh", minCapacityWh + 20));
        assertThat(DesignCheck.problems(justEnough)).isEmpty();
    }

    @Test
    void aDischargeLimitBelowTheEssentialLoadIsRefused() {
        Scenario s = Scenario.reference().withValues(Map.of("battery.maxDischargeW", 2000.0));
        assertThat(DesignCheck.problems(s)).extracting(ConfigException::key).containsExactly("battery.maxDischargeW");
    }

    @Test
    void anOrbitWithoutEclipsesNeedsNoBatteryForThem() {
        // At 1400 km the dawn-dusk orbit never enters the shadow (SimMainTest's orbit check).
        Scenario s = Scenario.reference().withValues(Map.of("orbit.altitudeKm", 1400.0, "battery.capacityWh", 100.0));
        assertThat(DesignCheck.problems(s)).isEmpty();
    }
}
