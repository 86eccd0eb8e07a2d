package io.sunsync.sim.economy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.sunsync.sim.SimSatellite;
import io.sunsync.sim.control.ScenarioRunner;
import io.sunsync.sim.control.StaticCapController;
import io.sunsync.sim.power.EnergyTotals;
import io.sunsync.sim.scenario.Scenario;
import io.sunsync.sim.truth.Truth;
import org.junit.jupiter.api.Test;

class WattsAndTonnesTest {

    @Test
    void energyBalanceSplitsTheEssentialLoadAndAddsUpToWhatWasCollected() {
        // 1000 Wh collected: 100 curtailed, 800 to the boards, 80 essential (of which housekeeping 1 kW x 180 s = 50 Wh,
        // so 30 heaters and pumps), 40 charged and 20 discharged: 16 more stored and 4 lost.
        EnergyTotals e = new EnergyTotals(1000, 900, 100, 880, 800, 80, 0, 40, 20, 4, 0, 500, 516, 0);
        assertThat(e.balanceErrorWh()).isCloseTo(0, within(1e-9));
        EnergyBalance b = EnergyBalance.of(e, 1000, 180);
        assertThat(b.collectedKWh()).isCloseTo(1.0, within(1e-12));
        assertThat(b.computeKWh()).isCloseTo(0.8, within(1e-12));
        assertThat(b.housekeepingKWh()).isCloseTo(0.05, within(1e-12));
        assertThat(b.heatersPumpsKWh()).isCloseTo(0.03, within(1e-12));
        assertThat(b.storedKWh()).isCloseTo(0.016, within(1e-12));
        assertThat(b.batteryLossKWh()).isCloseTo(0.004, within(1e-12));
        assertThat(b.curtailedKWh()).isCloseTo(0.1, within(1e-12));
        assertThat(b.errorKWh()).isCloseTo(0, within(1e-12));
    }

    @Test
    void figuresPerKWhPerKgAndPerDollarMatchTheHandComputedOnes() {
        EnergyBalance b = new EnergyBalance(2000, 1600, 96, 29, -5, 30, 250, 0, 0);
        MassBudget m = MassBudget.of(Scenario.reference());           // 3208.33 kg, $641,667 / $8.73M
        WattsAndTonnes w = WattsAndTonnes.of(1.0e6, 2 * 86_400, b, m, 5);
        assertThat(w.days()).isCloseTo(2.0, within(1e-12));
        assertThat(w.workPerKWhCollected()).isCloseTo(500, within(1e-9));
        assertThat(w.workPerKWhBoards()).isCloseTo(625, within(1e-9));
        assertThat(w.workPerKg()).isCloseTo(311.688, within(1e-3));
        assertThat(w.workPerKgPerDay()).isCloseTo(155.844, within(1e-3));
        assertThat(w.lifetimeWorkPerKg()).isCloseTo(155.844 * 365.25 * 5, within(1.0)); // 284,610
        assertThat(w.workPerUsdAtLowPrice()).isCloseTo(1.558, within(1e-3));
        assertThat(w.workPerUsdAtHighPrice()).isCloseTo(0.1146, within(1e-4));
        assertThat(w.lifetimeWorkPerUsdAtLowPrice()).isCloseTo(284_610 / 200.0, within(0.5));
    }

    @Test
    void aRunsBalanceClosesAndCarriesHousekeepingForTheWholeRun() {
        // Three hours at the depth of the eclipse season (two eclipses), every board held at 700 W.
        Scenario s = Scenario.reference().idealised().withDuration(3 * 3600.0);
        ScenarioRunner.RunResult r = ScenarioRunner.run(s, new StaticCapController(700),
                new SimSatellite.Recording(0, 0, null));
        Truth t = r.truth();
        EnergyBalance b = EnergyBalance.of(t.energy(), s.bus().housekeepingW(), t.elapsedS());
        assertThat(b.housekeepingKWh()).isCloseTo(2.0 * 3, within(1e-6));
        assertThat(b.heatersPumpsKWh()).isGreaterThanOrEqualTo(2 * 0.3 * 3 - 1e-6);
        double sum = b.computeKWh() + b.housekeepingKWh() + b.heatersPumpsKWh() + b.storedKWh() + b.batteryLossKWh()
                + b.curtailedKWh();
        assertThat(sum).isCloseTo(b.collectedKWh(), within(1e-6 * b.collectedKWh()));
    }
}
