package io.sunsync.sim.sensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.sunsync.hal.power.PowerReading;
import io.sunsync.sim.SimSatellite;
import io.sunsync.sim.control.StaticCapController;
import io.sunsync.sim.scenario.Gauge;
import io.sunsync.sim.scenario.Scenario;
import io.sunsync.sim.scenario.Sensors;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class BatteryGaugeTest {
    private static final Sensors BIASED = new Sensors(false, true, null, null, null);

    @Test
    void theCountDriftsByTheCurrentSensorsOffsetAndGainAndRecalibratesAtFull() {
        SensorModel sensors = new SensorModel(11, BIASED);
        double gain = sensors.gain(SensorModel.GAUGE_KEY);
        double offsetW = sensors.offset(SensorModel.GAUGE_KEY);
        assertThat(offsetW).isNotZero();
        BatteryGauge g = new BatteryGauge(new Gauge(null, null, null), sensors, 20_000, 18_000);
        assertThat(g.energyWh()).isEqualTo(18_000);
        double trueWh = 18_000;
        // An hour of eclipse at 8 kWh/h out of the cells, one-second steps.
        for (int i = 0; i < 3600; i++) {
            double storedWh = -8000 / 3600.0;
            trueWh += storedWh;
            g.step(1.0, storedWh, false);
        }
        double expectedError = -8000 * gain + offsetW;
        assertThat(g.energyWh() - trueWh).isCloseTo(expectedError, within(1e-6));
        assertThat(g.socPct()).isCloseTo(100 * g.energyWh() / 20_000, within(1e-12));
        g.step(1.0, 0, true);
        assertThat(g.energyWh()).isEqualTo(20_000);
        assertThat(g.recalibrations()).isEqualTo(1);
    }

    @Test
    void aWronglyLearnedCapacityStaysWrongAfterRecalibrationAStartErrorDoesNot() {
        SensorModel exact = new SensorModel(1, Sensors.ideal());
        BatteryGauge high = new BatteryGauge(new Gauge(false, 5.0, null), exact, 20_000, 8_000);
        assertThat(high.energyWh()).isEqualTo(9_000);
        assertThat(high.socPct()).isCloseTo(100 * 9_000 / 21_000.0, within(1e-9));
        high.step(1, 0, true);
        assertThat(high.energyWh()).isEqualTo(21_000);
        BatteryGauge start = new BatteryGauge(new Gauge(false, 0.0, -5.0), exact, 20_000, 8_000);
        assertThat(start.energyWh()).isEqualTo(7_000);
        start.step(1, 1000, false);
        assertThat(start.energyWh()).isEqualTo(8_000);
        start.step(1, 0, true);
        assertThat(start.energyWh()).isEqualTo(20_000);
        // A lost cell string takes its share of what the gauge knows.
        start.keep(11 / 12.0);
        assertThat(start.capacityWh()).isCloseTo(20_000 * 11 / 12.0, within(1e-9));
        assertThat(start.socPct()).isCloseTo(100, within(1e-9));
    }

    @Test
    void inOrbitTheGaugeWandersThroughAnEclipseAndIsExactAgainOnceTheBatteryIsFull() {
        // Few boards, low caps: the battery refills well before the next eclipse.
        Scenario sc = Scenario.reference().with(null, 5L, 8, null)
                .withSensors(new Sensors(false, true, null, null, null));
        SimSatellite sat = new SimSatellite(sc);
        new StaticCapController(400).control(sat.now(), sat.power(), sat.thermal(), sat.boards());
        while (sat.sunlit()) {
            sat.advanceBy(Duration.ofSeconds(10));
        }
        while (!sat.sunlit()) {
            sat.advanceBy(Duration.ofSeconds(10));
        }
        PowerReading afterEclipse = sat.power().read();
        assertThat(afterEclipse.batteryEnergyWh()).isNotEqualTo(sat.batteryEnergyWh());
        double capacity = sc.battery().capacityWh();
        for (int i = 0; i < 600 && sat.batteryEnergyWh() < capacity; i++) {
            sat.advanceBy(Duration.ofSeconds(10));
        }
        assertThat(sat.batteryEnergyWh()).isEqualTo(capacity);
        PowerReading full = sat.power().read();
        assertThat(full.batteryEnergyWh()).isCloseTo(capacity, within(1.0));
        assertThat(full.batterySocPct()).isCloseTo(100, within(0.01));
    }
}
