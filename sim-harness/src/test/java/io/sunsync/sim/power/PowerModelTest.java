package io.sunsync.sim.power;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.sunsync.sim.scenario.Scenario;
import org.junit.jupiter.api.Test;

class PowerModelTest {
    private final SolarArray array = new SolarArray(Scenario.reference().array());

    @Test
    void referenceArrayIsAbout100KilowattsAtBeginningOfLife() {
        // 300 m² × 0.30 × 0.85 × 1361 W/m² = 104.2 kW
        assertThat(array.ratedW()).isCloseTo(300 * 0.30 * 0.85 * 1361, within(1e-6));
        assertThat(array.availableW(1361, 28, 0, 40)).isCloseTo(array.ratedW(), within(1e-6));
    }

    @Test
    void outputFallsByPoint09PercentPerDegreeAndWithAgeAndLostStrings() {
        double hot = array.availableW(1361, 38, 0, 40);
        assertThat(hot / array.ratedW()).isCloseTo(1 - 0.009, within(1e-12));
        assertThat(array.availableW(1361, 28, 5, 40) / array.ratedW()).isCloseTo(Math.pow(0.985, 5), within(1e-12));
        assertThat(array.availableW(1361, 28, 0, 30) / array.ratedW()).isCloseTo(0.75, within(1e-12));
        assertThat(array.availableW(0, 28, 0, 40)).isZero();
    }

    @Test
    void sunlitArraySettlesWhereAbsorbedEqualsEmittedPlusElectrical() {
        double t = 20;
        for (int i = 0; i < 20_000; i++) {
            t = array.nextTempC(t, 1361, 0.255 * 1361, 1.0);
        }
        double tK = t + 273.15;
        double absorbed = 0.91 * 1361 + 60;
        double out = 0.255 * 1361 + 1.65 * SolarArray.SIGMA * Math.pow(tK, 4);
        assertThat(out).isCloseTo(absorbed, within(0.01));
        assertThat(t).isBetween(30.0, 60.0);
    }

    @Test
    void batteryCarriesTheDeficitWithItsLossesAndTheBusBalances() {
        ElectricalPowerSystem eps = new ElectricalPowerSystem(Scenario.reference().battery().idealised(), 120);
        double before = eps.energyWh();
        assertThat(eps.step(3600, 0, 2000, 10_000)).isEqualTo(ElectricalPowerSystem.BusOutcome.NORMAL);
        assertThat(eps.batteryW()).isCloseTo(-12_000, within(1e-9));
        assertThat(before - eps.energyWh()).isCloseTo(12_000 / 0.96, within(1e-6));
        EnergyTotals t = eps.totals();
        assertThat(t.batteryLossWh()).isCloseTo(12_000 / 0.96 - 12_000, within(1e-6));
        assertThat(t.balanceErrorWh()).isCloseTo(0, within(1e-6));
    }

    @Test
    void surplusChargesUpToTheRateLimitAndTheRestIsCurtailed() {
        ElectricalPowerSystem eps = new ElectricalPowerSystem(Scenario.reference().battery().idealised(), 120);
        eps.step(1, 100_000, 2000, 50_000);
        assertThat(eps.batteryW()).isEqualTo(10_000);
        assertThat(eps.curtailedW()).isCloseTo(38_000, within(1e-9));
        assertThat(eps.deliveredW()).isCloseTo(62_000, within(1e-9));
    }

    @Test
    void theCellsResistanceTurnsISquaredRIntoHeatAndSagsTheBus() {
        // 90 % charged: V_oc = 120 V × (0.88 + 0.12 × 0.9) = 118.56 V; 30 kW on the bus is 31.25 kW at the
        // terminals through the 0.96 converter: I from V_oc·I − R·I² = P with R = 0.02 Ω.
        Scenario.Battery spec = Scenario.reference().battery();
        ElectricalPowerSystem eps = new ElectricalPowerSystem(spec, 120);
        double before = eps.energyWh();
        eps.step(1, 0, 2000, 28_000);
        double ocV = 118.56;
        double current = (ocV - Math.sqrt(ocV * ocV - 4 * 0.02 * 30_000 / 0.96)) / (2 * 0.02);
        assertThat(current).isCloseTo(276.5, within(0.1));
        assertThat((before - eps.energyWh()) * 3600).isCloseTo(ocV * current, within(1e-6));
        EnergyTotals t = eps.totals();
        assertThat(t.batteryResistiveLossWh() * 3600).isCloseTo(0.02 * current * current, within(1e-6));
        assertThat(t.batteryResistiveLossWh() * 3600 / 30_000).isBetween(0.05, 0.052); // 5.1 % at 1.5 C
        assertThat(t.balanceErrorWh()).isCloseTo(0, within(1e-9));
        assertThat(eps.busV()).isCloseTo(ocV - 0.02 * current, within(1e-9));
    }

    @Test
    void aChargeTapersAboveEightyFivePercentDownToTheTerminationCurrentAndEndsAtFull() {
        Battery battery = new Battery(Scenario.reference().battery(), 120);
        assertThat(battery.acceptanceW(0.80, 20_000)).isEqualTo(10_000);
        // 95 %: a third of the way from the termination current (C/20 = 1 kW) to the rate limit.
        assertThat(battery.acceptanceW(0.95, 20_000)).isCloseTo(1000 + 9000 / 3.0, within(1e-9));
        assertThat(battery.acceptanceW(1.0, 20_000)).isZero();
        // Charging from 95 % with power to spare reaches full, where the charger stops.
        ElectricalPowerSystem eps = new ElectricalPowerSystem(new Scenario.Battery(null, null, 95.0, null, null, null,
                null, null, null, null, null), 120);
        eps.step(1, 60_000, 2000, 40_000);
        assertThat(eps.batteryW()).isCloseTo(4000, within(1e-9));
        assertThat(eps.curtailedW()).isCloseTo(14_000, within(1e-9));
        int seconds = 1;
        while (!eps.endedAtFull() && seconds < 20_000) {
            eps.step(1, 60_000, 2000, 40_000);
            seconds++;
        }
        assertThat(eps.energyWh()).isEqualTo(20_000);
        // From 95 %: the exponential approach of a CV charge, about half an hour (not 6 minutes at 10 kW).
        assertThat(seconds / 60.0).isBetween(15.0, 40.0);
        eps.step(1, 60_000, 2000, 40_000);
        assertThat(eps.batteryW()).isZero();
        assertThat(eps.totals().balanceErrorWh()).isCloseTo(0, within(1e-6));
    }

    @Test
    void loadBeyondWhatTheBatteryCanDeliverBrownsOutTheBoardsNotTheHousekeeping() {
        ElectricalPowerSystem eps = new ElectricalPowerSystem(Scenario.reference().battery(), 120);
        // 40 kW discharge limit: 2 kW + 60 kW in eclipse cannot be carried.
        assertThat(eps.step(1, 0, 2000, 60_000)).isEqualTo(ElectricalPowerSystem.BusOutcome.BROWN_OUT);
        assertThat(eps.boardsW()).isZero();
        assertThat(eps.loadW()).isEqualTo(2000);
        assertThat(eps.busV()).isLessThan(100);
    }

    @Test
    void anEmptyBatteryCannotCarryEvenHousekeepingInEclipse() {
        Scenario.Battery tiny = new Scenario.Battery(100.0, 0.0, 1.0, null, null, null, null, null, null, null, null);
        ElectricalPowerSystem eps = new ElectricalPowerSystem(tiny, 120);
        ElectricalPowerSystem.BusOutcome last = ElectricalPowerSystem.BusOutcome.NORMAL;
        for (int i = 0; i < 10 && last != ElectricalPowerSystem.BusOutcome.COLLAPSE; i++) {
            last = eps.step(1, 0, 2000, 0);
        }
        assertThat(last).isEqualTo(ElectricalPowerSystem.BusOutcome.COLLAPSE);
        assertThat(eps.unservedW()).isPositive();
        assertThat(eps.energyWh()).isGreaterThanOrEqualTo(0);
        assertThat(eps.totals().balanceErrorWh()).isCloseTo(0, within(1e-9));
    }

    @Test
    void losingACellStringTakesItsShareOfCapacityAndEnergy() {
        ElectricalPowerSystem eps = new ElectricalPowerSystem(Scenario.reference().battery(), 120);
        double e = eps.energyWh();
        eps.loseCellStrings(3);
        assertThat(eps.capacityWh()).isCloseTo(20_000 * 9 / 12.0, within(1e-9));
        assertThat(eps.energyWh()).isCloseTo(e * 9 / 12.0, within(1e-9));
        assertThat(eps.totals().cellLossWh()).isCloseTo(e * 3 / 12.0, within(1e-9));
    }
}
