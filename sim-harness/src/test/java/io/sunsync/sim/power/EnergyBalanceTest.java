package io.sunsync.sim.power;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.sunsync.hal.power.PowerReading;
import io.sunsync.sim.SimSatellite;
import io.sunsync.sim.control.GreedyController;
import io.sunsync.sim.scenario.Scenario;
import io.sunsync.sim.scenario.Sensors;
import io.sunsync.sim.truth.Truth;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class EnergyBalanceTest {

    @Test
    void thirtyDaysThroughTheEclipseSeasonCloseFromTheReadingsAloneWithTheBatterysResistiveLosses() {
        // The 30-day scenario's dates at a 10 s step (the benchmark runs it at 1 s), without its sensor
        // faults and with perfect sensors (the readings must be true here), greedy control every 60 s. The
        // battery is real: its internal resistance and charge taper are on, and its losses are accounted.
        Scenario file = Scenario.load(Path.of("scenarios/eclipse-season-30d.yaml"));
        Scenario sc = new Scenario("balance", null, file.start(), file.durationS(), 10.0, file.seed(), null, null, null,
                null, null, null, null, null, null, null).withSensors(Sensors.ideal());
        assertThat(sc.battery().internalResistanceOhm()).isPositive();
        Battery battery = new Battery(sc.battery(), sc.bus().nominalV());
        double rOhm = battery.resistanceOhm(sc.battery().cellStrings());
        SimSatellite sat = new SimSatellite(sc);
        GreedyController controller = new GreedyController();
        double etaC = sc.battery().chargeEfficiency();
        double etaD = sc.battery().dischargeEfficiency();
        // Integrate what the power system reports, step by step, independently of the model's totals.
        double availWh = 0;
        double deliveredWh = 0;
        double loadWh = 0;
        double storedWh = 0;
        double lossWh = 0;
        double startWh = sat.power().read().batteryEnergyWh();
        double resistiveWh = 0;
        double soc = sat.power().read().batterySocPct() / 100;
        Instant end = sc.end();
        long step = 0;
        while (sat.now().isBefore(end)) {
            if (step % 6 == 0) {
                controller.control(sat.now(), sat.power(), sat.thermal(), sat.boards());
            }
            sat.advanceBy(Duration.ofSeconds(10));
            step++;
            PowerReading r = sat.power().read();
            double h = 10 / 3600.0;
            availWh += r.arrayAvailableW() * h;
            deliveredWh += r.arrayPowerW() * h;
            loadWh += r.loadPowerW() * h;
            double b = r.batteryPowerW();
            // Through the converters to the cells' terminals, then the cells' I²R at the step's
            // open-circuit voltage (the state of charge it started from).
            double ocV = battery.openCircuitV(soc);
            double currentA = b > 0 ? Battery.chargeCurrentA(b * etaC, ocV, rOhm)
                    : Battery.dischargeCurrentA(-b / etaD, ocV, rOhm);
            double i2rW = rOhm * currentA * currentA;
            storedWh += (b > 0 ? b * etaC - i2rW : b / etaD - i2rW) * h;
            lossWh += ((b > 0 ? b * (1 - etaC) : -b * (1 / etaD - 1)) + i2rW) * h;
            resistiveWh += i2rW * h;
            soc = r.batterySocPct() / 100;
        }
        double endWh = sat.power().read().batteryEnergyWh();
        double curtailedWh = availWh - deliveredWh;
        double in = availWh + (startWh - endWh);
        double out = loadWh + curtailedWh + lossWh;
        assertThat(Math.abs(in - out) / in).isLessThan(0.001);
        assertThat(endWh - startWh).isCloseTo(storedWh, within(1e-3 * Math.abs(storedWh) + 1));
        // The model's own totals agree with the integrated readings.
        Truth t = sat.truth();
        assertThat(t.energy().arrayAvailableWh()).isCloseTo(availWh, within(availWh * 1e-9));
        assertThat(t.energy().loadWh()).isCloseTo(loadWh, within(loadWh * 1e-9));
        assertThat(Math.abs(t.energy().balanceErrorWh()) / in).isLessThan(1e-9);
        assertThat(t.energy().batteryResistiveLossWh()).isCloseTo(resistiveWh, within(1e-6 * resistiveWh));
        assertThat(t.energy().batteryResistiveLossWh()).isPositive();
        // It was a real eclipse season: many eclipses, the battery worked hard but within its floor.
        assertThat(t.eclipseS()).isGreaterThan(20 * 14 * 15 * 60.0);
        assertThat(t.energy().batteryDischargeWh()).isGreaterThan(1.0e6);
    }
}
