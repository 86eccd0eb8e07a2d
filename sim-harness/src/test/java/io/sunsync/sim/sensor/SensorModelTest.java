package io.sunsync.sim.sensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.sunsync.hal.power.PowerReading;
import io.sunsync.sim.SimSatellite;
import io.sunsync.sim.control.StaticCapController;
import io.sunsync.sim.scenario.Scenario;
import io.sunsync.sim.scenario.Sensors;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SensorModelTest {

    private static Sensors sensors(boolean noise, boolean bias, Map<String, Double> gains) {
        return new Sensors(noise, bias, gains, null, null);
    }

    @Test
    void aNoisyBiasedSensorAveragesToTheTruthThroughItsOwnGainAndOffset() {
        SensorModel m = new SensorModel(7, sensors(true, true, null));
        String key = "power.batteryPowerW";
        double truth = -30_000;
        double sum = 0;
        double sumSq = 0;
        int n = 20_000;
        for (int i = 0; i < n; i++) {
            double r = m.read(key, truth, i);
            sum += r;
            sumSq += r * r;
        }
        double mean = sum / n;
        double sd = Math.sqrt(sumSq / n - mean * mean);
        double expectedMean = truth * (1 + m.gain(key)) + m.offset(key);
        // Noise σ = 0.2 % of the reading + 20 W = 80 W: the mean of 20,000 is good to a few W.
        assertThat(mean).isCloseTo(expectedMean, within(4.0));
        assertThat(sd).isCloseTo(0.002 * 30_000 + 20, within(4.0));
        // The bias is real (non-zero) and within its clip.
        assertThat(m.gain(key)).isNotZero().isBetween(-2.5 * 0.005, 2.5 * 0.005);
        assertThat(m.offset(key)).isNotZero().isBetween(-2.5 * 40, 2.5 * 40);
    }

    @Test
    void aReadingDependsOnSeedSensorAndTimeOnlyNotOnHowOftenItIsRead() {
        SensorModel a = new SensorModel(3, sensors(true, true, null));
        SensorModel b = new SensorModel(3, sensors(true, true, null));
        for (int i = 0; i < 50; i++) {
            a.read("power.loadPowerW", 50_000, i);
        }
        assertThat(b.read("power.loadPowerW", 50_000, 49)).isEqualTo(a.read("power.loadPowerW", 50_000, 49));
        assertThat(new SensorModel(4, sensors(true, true, null)).read("power.loadPowerW", 50_000, 49))
                .isNotEqualTo(a.read("power.loadPowerW", 50_000, 49));
        assertThat(a.read("power.loadPowerW", 50_000, 50)).isNotEqualTo(a.read("power.loadPowerW", 50_000, 49));
    }

    @Test
    void boardTemperaturesReadInWholeDegreesAsNvmlGivesThem() {
        SensorModel m = new SensorModel(1, sensors(true, true, null));
        for (int i = 0; i < 100; i++) {
            double r = m.read("board-05.tempC", 61.37, i);
            assertThat(r).isEqualTo(Math.rint(r));
            assertThat(r).isBetween(61.37 - 2.5 - 2, 61.37 + 2.5 + 2);
        }
    }

    @Test
    void switchedOffTheSensorsReadTheTruthAndAGainOverrideIsExact() {
        SensorModel ideal = new SensorModel(1, Sensors.ideal());
        assertThat(ideal.perfect()).isTrue();
        assertThat(ideal.read("power.arrayPowerW", 91_234.5, 17)).isEqualTo(91_234.5);
        SensorModel low = new SensorModel(1, sensors(false, false, Map.of("power.arrayPowerW", -3.0)));
        assertThat(low.read("power.arrayPowerW", 100_000, 17)).isCloseTo(97_000, within(1e-6));
        assertThat(low.read("power.loadPowerW", 50_000, 17)).isEqualTo(50_000);
    }

    @Test
    void theSatellitesReadingsCarryTheErrorsAndTheTruthDoesNot() {
        Scenario sc = Scenario.reference().with(null, null, 4, null);
        SimSatellite sat = new SimSatellite(sc);
        new StaticCapController(600).control(sat.now(), sat.power(), sat.thermal(), sat.boards());
        sat.advanceBy(Duration.ofMinutes(5));
        PowerReading p = sat.power().read();
        assertThat(p.quality().usable()).isTrue();
        assertThat(p.faults()).isEmpty();
        SimSatellite ideal = new SimSatellite(sc.withSensors(Sensors.ideal()));
        new StaticCapController(600).control(ideal.now(), ideal.power(), ideal.thermal(), ideal.boards());
        ideal.advanceBy(Duration.ofMinutes(5));
        PowerReading truth = ideal.power().read();
        // Same physics (sensors change no state), different readings.
        assertThat(sat.batteryEnergyWh()).isEqualTo(ideal.batteryEnergyWh());
        assertThat(p.loadPowerW()).isNotEqualTo(truth.loadPowerW()).isCloseTo(truth.loadPowerW(),
                within(0.03 * truth.loadPowerW()));
        assertThat(sat.boards().get(0).read().tempC()).isCloseTo(ideal.boards().get(0).read().tempC(), within(4.0));
        assertThat(sat.thermal().read().zones().get(0).tempC())
                .isCloseTo(ideal.thermal().read().zones().get(0).tempC(), within(2.0));
    }

    @Test
    void aCurtailedArrayReadsWhatFlowsNotWhatItCouldGive() {
        // Equinox, battery full, four boards at 400 W: the array could give ~100 kW, the bus takes ~4 kW.
        Scenario sc = Scenario.reference().with(java.time.Instant.parse("2027-03-21T00:00:00Z"), null, 4, null);
        Scenario full = new Scenario(sc.name(), null, sc.start(), null, null, null, null, null,
                new Scenario.Battery(null, null, 100.0, null, null, null, null, null, null, null, null), null, null,
                sc.boards(), null, null, null, null);
        SimSatellite sat = new SimSatellite(full);
        new StaticCapController(400).control(sat.now(), sat.power(), sat.thermal(), sat.boards());
        sat.advanceBy(Duration.ofMinutes(2));
        PowerReading p = sat.power().read();
        assertThat(p.arrayAvailableW()).isEqualTo(p.arrayPowerW()).isLessThan(10_000);
        assertThat(sat.truth().energy().curtailedWh()).isPositive();
        SimSatellite mpp = new SimSatellite(full.withSensors(new Sensors(null, null, null, null, false)));
        new StaticCapController(400).control(mpp.now(), mpp.power(), mpp.thermal(), mpp.boards());
        mpp.advanceBy(Duration.ofMinutes(2));
        PowerReading q = mpp.power().read();
        assertThat(q.arrayAvailableW()).isGreaterThan(90_000);
        assertThat(q.arrayPowerW()).isLessThan(10_000);
    }
}
