package io.sunsync.sim.power;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.sunsync.hal.power.PowerReading;
import io.sunsync.sim.SimSatellite;
import io.sunsync.sim.control.GreedyController;
import io.sunsync.sim.scenario.Scenario;
import io.sunsync.sim.truth.Truth;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class EnergyBalanceTest {

    @Test
    void thirtyDaysThroughTheEclipseSeasonCloseToAThousandthFromTheReadingsAlone() {
        // The 30-day scenario's dates at a 10 s step (the benchmark runs it at 1 s), without its sensor
        // faults (the readings must be true here), greedy control every 60 s.
        Scenario file = Scenario.load(Path.of("scenarios/eclipse-season-30d.yaml"));
        Scenario sc = new Scenario("balance", null, file.start(), file.durationS(), 10.0, file.seed(), null, null, null,
                null, null, null, null, null, null, null).idealised();
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
            storedWh += (b > 0 ? b * etaC : b / etaD) * h;
            lossWh += (b > 0 ? b * (1 - etaC) : -b * (1 / etaD - 1)) * h;
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
        // It was a real eclipse season: many eclipses, the battery worked hard but within its floor.
        assertThat(t.eclipseS()).isGreaterThan(20 * 14 * 15 * 60.0);
        assertThat(t.energy().batteryDischargeWh()).isGreaterThan(1.0e6);
    }
}
