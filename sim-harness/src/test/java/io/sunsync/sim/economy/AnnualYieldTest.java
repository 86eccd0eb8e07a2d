package io.sunsync.sim.economy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.sunsync.sim.scenario.Scenario;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AnnualYieldTest {
    private static final MeasuredRatio ONE = MeasuredRatio.of(1.0, "test");

    @Test
    void withoutEclipsesEveryBoardRunsFullWhenTheArrayFeedsThemAll() {
        // March equinox: no eclipse at 650 km dawn-dusk; the array (~101 kW) feeds 96 boards at 1 kW and 2.6 kW
        // of housekeeping and pumps: 96 work units per second, the battery of no use.
        AnnualYield.Sample s = AnnualYield.sample(Scenario.reference(), LocalDate.of(2027, 3, 21), ONE);
        assertThat(s.eclipseS()).isZero();
        assertThat(s.collectedW()).isGreaterThan(96_000 + 2600);
        assertThat(s.boundWorkPerS()).isCloseTo(96.0, within(1e-6));
        assertThat(s.boardsW()).isCloseTo(96_000, within(1e-3));
    }

    @Test
    void moreBoardsThanTheArrayFeedsShareItAtTheirMostEfficientCaps() {
        // 150 boards, power P = collected - 2600 W between 150 x 600 W and 150 x 700 W: by hand from the throughput
        // curve (600 W -> 0.66 at the envelope's best 1.1e-3 per W, then 1e-3 per W up to 700 W):
        // W = 150 x 0.66 + (P - 90,000) x 0.001.
        Scenario s = Scenario.reference().withValues(Map.of("boards.count", 150));
        AnnualYield.Sample x = AnnualYield.sample(s, LocalDate.of(2027, 3, 21), ONE);
        double p = x.collectedW() - 2600;
        assertThat(p).isBetween(90_000.0, 105_000.0);
        assertThat(x.boundWorkPerS()).isCloseTo(99 + (p - 90_000) * 0.001, within(1e-6));
    }

    @Test
    void anEclipseOrbitIsPeriodicLosslessBatteryAndLinearBoardsUseEveryCollectedWatt() {
        // With a lossless battery (no converter losses, no internal resistance, no charge taper) and boards whose
        // work is linear in power (0.001 per W from 0 W), an orbit that begins at an eclipse exit with the battery at
        // its floor and ends at the next can spend, at best, what the array collected less the essential load:
        // W = (collected - 2600 W) / 1000 per second, when the battery (13 kWh between the floor and full, 10 kW
        // charge) carries the eclipse, as it does at the solstice.
        Scenario s = Scenario.reference().withValues(Map.of("battery.chargeEfficiency", 1.0,
                "battery.dischargeEfficiency", 1.0, "battery.internalResistanceOhm", 0.0, "battery.taperStartPct", 100.0,
                "boards.idleW", 0.0, "boards.throughput",
                List.of(Map.of("powerW", 400.0, "relative", 0.4), Map.of("powerW", 1000.0, "relative", 1.0))));
        AnnualYield.Sample x = AnnualYield.sample(s, LocalDate.of(2027, 6, 21), ONE);
        assertThat(x.eclipseS() / 60).isCloseTo(19.7, within(0.1));
        assertThat(x.orbitS() / 60).isCloseTo(97.73, within(0.1));
        assertThat(x.boundWorkPerS()).isCloseTo((x.collectedW() - 2600) / 1000, within(1e-6));
    }

    @Test
    void aYearOfTheReferenceSatellite() {
        MeasuredRatio ratio = new MeasuredRatio(0.98, 1.0, "test");
        AnnualYield.Result y = AnnualYield.of(Scenario.reference(), 2027, ratio);
        assertThat(y.eclipseDays()).isBetween(88, 93);
        // Outside the season the 96 boards run full (96 work units/s) and the throttler's ratio there is 1: the year
        // without its season is 96 x 86,400 x 365 work units.
        assertThat(y.withoutSeasonWorkUnits()).isCloseTo(96.0 * 86_400 * 365, within(1.0));
        assertThat(y.achievedWorkUnits()).isLessThan(y.boundWorkUnits());
        assertThat(y.seasonLossPct()).isBetween(1.0, 8.0);
        for (AnnualYield.Sample s : y.samples()) {
            assertThat(s.achievedWorkPerS()).isCloseTo(s.boundWorkPerS() * (s.eclipseS() > 0 ? 0.98 : 1.0), within(1e-9));
        }
        assertThat(y.workPerKWhCollected()).isBetween(3000.0, 3600.0); // ~96 work units/s out of ~100 kW
    }
}
