package io.sunsync.sim.economy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.sunsync.hal.config.ConfigException;
import io.sunsync.hal.config.ConfigReader;
import io.sunsync.sim.scenario.Economy;
import io.sunsync.sim.scenario.Scenario;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MassBudgetTest {

    @Test
    void referenceSatelliteWeighsWhatItsPartsAddUpTo() {
        MassBudget m = MassBudget.of(Scenario.reference());
        // By hand, from the defaults in docs/sim-harness.md:
        assertThat(m.arrayKg()).isCloseTo(300 * 2.3, within(1e-9));          // 690 kg
        assertThat(m.batteryKg()).isCloseTo(20_000 / 128.0, within(1e-9));   // 156.25 kg
        assertThat(m.radiatorKg()).isCloseTo(120 * 5.0, within(1e-9));       // 600 kg
        assertThat(m.boardsKg()).isCloseTo(96 * 8.0, within(1e-9));          // 768 kg
        assertThat(m.coolingKg()).isCloseTo(2.0 * 96, within(1e-9));         // 192 kg for 96 kW of boards
        // 2406.25 kg of parts are 75 % of the satellite: 3208.33 kg, of which 802.08 kg structure and avionics.
        assertThat(m.totalKg()).isCloseTo(3208.333, within(1e-3));
        assertThat(m.structureKg()).isCloseTo(802.083, within(1e-3));
        // 300 m² x 0.30 x 0.85 x 1361 W/m² = 104,116.5 W: 32.45 W/kg; 96 kW of boards: 29.92 W/kg.
        assertThat(m.arrayRatedW()).isCloseTo(104_116.5, within(1e-6));
        assertThat(m.arrayWPerKg()).isCloseTo(32.452, within(1e-3));
        assertThat(m.computeWPerKg()).isCloseTo(29.922, within(1e-3));
        // $200 and $2,720 per kg.
        assertThat(m.launchLowUsd()).isCloseTo(641_666.67, within(0.01));
        assertThat(m.launchHighUsd()).isCloseTo(8_726_666.67, within(0.01));
    }

    @Test
    void structureShareIsOfTheTotalNotOfTheParts() {
        Scenario s = Scenario.reference().withEconomy(new Economy(1.0, 100.0, 1.0, 1.0, 0.0, 0.5, null, null,
                null));
        MassBudget m = MassBudget.of(s);
        double parts = 300 + 200 + 120 + 96;
        assertThat(m.totalKg()).isCloseTo(2 * parts, within(1e-9));
        assertThat(m.structureKg()).isCloseTo(parts, within(1e-9));
    }

    @Test
    void negativeMassesAreRefusedNamingTheFieldAndTheReason() {
        assertThatThrownBy(() -> ConfigReader.parse("economy: {boardKg: -3}\n", false, Scenario.class, "test.yaml"))
                .isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(((ConfigException) e).key()).isEqualTo("economy.boardKg"))
                .hasMessageContaining("must not be negative");
        assertThatThrownBy(() -> ConfigReader.parse("economy: {radiatorKgPerM2: -0.5}\n", false, Scenario.class, "t.yaml"))
                .isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(((ConfigException) e).key()).isEqualTo("economy.radiatorKgPerM2"));
        assertThatThrownBy(() -> Scenario.reference().withValues(Map.of("economy.arrayKgPerM2", -1.0)))
                .isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(((ConfigException) e).key()).isEqualTo("economy.arrayKgPerM2"));
    }

    @Test
    void inconsistentEconomyFieldsAreRefused() {
        assertThatThrownBy(() -> ConfigReader.parse("economy: {launchLowUsdPerKg: 3000, launchHighUsdPerKg: 200}\n", false,
                Scenario.class, "t.yaml")).isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(((ConfigException) e).key()).isEqualTo("economy.launchHighUsdPerKg"));
        assertThatThrownBy(() -> ConfigReader.parse("economy: {structureFraction: 1.2}\n", false, Scenario.class, "t.yaml"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("structureFraction");
        assertThatThrownBy(() -> ConfigReader.parse("economy: {batteryWhPerKg: 0}\n", false, Scenario.class, "t.yaml"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("batteryWhPerKg");
    }

    @Test
    void scenarioValuesCanBeReplacedByDottedKeyAndAreChecked() {
        Scenario s = Scenario.reference().withValues(Map.of("battery.capacityWh", 40_000.0, "boards.count", 120));
        assertThat(s.battery().capacityWh()).isEqualTo(40_000.0);
        assertThat(s.boards().count()).isEqualTo(120);
        assertThat(s.boards().throughput()).isEqualTo(Scenario.reference().boards().throughput());
        assertThatThrownBy(() -> Scenario.reference().withValues(Map.of("battery.nonsense", 1)))
                .isInstanceOf(ConfigException.class).hasMessageContaining("battery.nonsense");
        assertThatThrownBy(() -> Scenario.reference().withValues(Map.of("boards.count", -4)))
                .isInstanceOf(ConfigException.class).satisfies(e -> assertThat(((ConfigException) e).key())
                        .isEqualTo("boards.count"));
    }
}
