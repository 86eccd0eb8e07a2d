package io.sunsync.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.sunsync.hal.power.PowerReading;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SimSatelliteTest {

    @Test
    void periodAt650KmIs97point7Minutes() {
        SimSatellite sat = new SimSatellite(SimSettings.defaults());
        // Kepler: T = 2π sqrt(a³/μ), a = 6378.137 + 650 km -> 97.68 min
        assertThat(sat.periodS() / 60).isCloseTo(97.68, within(0.05));
    }

    @Test
    void theArrayGoesDarkForTheEclipseAtTheEndOfEachOrbitAndTheBatteryCarriesTheLoad() {
        SimSatellite sat = new SimSatellite(SimSettings.defaults());
        SimPowerSystem power = new SimPowerSystem(sat);
        double eclipseStartS = sat.periodS() - 19.7 * 60;

        sat.advanceTo(sat.now().plusSeconds((long) eclipseStartS - 10));
        PowerReading lit = power.read();
        sat.advanceTo(sat.now().plusSeconds(20));
        PowerReading dark = power.read();

        assertThat(lit.sunlit()).isTrue();
        assertThat(lit.arrayAvailableW()).isPositive();
        assertThat(dark.sunlit()).isFalse();
        assertThat(dark.arrayAvailableW()).isZero();
        assertThat(dark.batteryPowerW()).isCloseTo(-dark.loadPowerW(), within(1e-6));
    }

    @Test
    void virtualTimeAdvancesOnlyWhenAskedAndSameSeedGivesTheSameState() {
        SimSatellite a = new SimSatellite(SimSettings.defaults());
        SimSatellite b = new SimSatellite(SimSettings.defaults());
        a.advanceTo(a.now().plus(Duration.ofHours(3)));
        b.advanceTo(b.now().plus(Duration.ofHours(3)));
        assertThat(a.now()).isEqualTo(SimSettings.defaults().epoch().plus(Duration.ofHours(3)));
        assertThat(a.batteryEnergyWh()).isEqualTo(b.batteryEnergyWh());
    }
}
