package io.sunsync.sim.fault;

import static org.assertj.core.api.Assertions.assertThat;

import io.sunsync.hal.FaultCode;
import io.sunsync.hal.Quality;
import io.sunsync.hal.power.PowerReading;
import io.sunsync.sim.SimSatellite;
import io.sunsync.sim.control.GreedyController;
import io.sunsync.sim.control.ScenarioRunner;
import io.sunsync.sim.scenario.Scenario;
import io.sunsync.sim.truth.Truth;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class FaultInjectionTest {

    private static Scenario faulty(long seed) {
        return new Scenario("faulty", null, Instant.parse("2027-06-21T00:00:00Z"), 6 * 3600.0, null, seed, null, null,
                null, null, null, null, new Scenario.Radiation(0.5, null, null, null),
                new Scenario.RandomFaults(24.0, 300.0, 50.0, 50.0, 50.0, 10.0, null), null, null);
    }

    @Test
    void sameSeedGivesTheSameRunBitForBit() {
        Truth a = ScenarioRunner.run(faulty(42), new GreedyController(), new SimSatellite.Recording(60, 1000, null)).truth();
        Truth b = ScenarioRunner.run(faulty(42), new GreedyController(), new SimSatellite.Recording(60, 1000, null)).truth();
        assertThat(a.counts().upsets()).isPositive();
        assertThat(a.counts().faultsInjected()).isPositive();
        assertThat(b).isEqualTo(a);
        assertThat(Double.doubleToRawLongBits(b.workUnits())).isEqualTo(Double.doubleToRawLongBits(a.workUnits()));
        Truth c = ScenarioRunner.run(faulty(43), new GreedyController(), new SimSatellite.Recording(60, 1000, null)).truth();
        assertThat(c.samples()).isNotEqualTo(a.samples());
    }

    @Test
    void upsetsAreMuchMoreFrequentInTheSouthAtlanticAnomalyAndThePolarHorns() {
        // Count where accepted upsets happen over 10 days with the boards idle (radiation only).
        Scenario sc = new Scenario("rad", null, Instant.parse("2027-03-21T00:00:00Z"), 10 * 86_400.0, 10.0, 5L, null,
                null, null, null, null, null, new Scenario.Radiation(2.0, 25.0, 5.0, 0.0), null, null, null);
        SimSatellite sat = new SimSatellite(sc);
        sat.advanceTo(sc.end());
        // Fraction of time in each region along the orbit the model flies.
        var truth = sc.truthOrbit();
        double inSaa = 0;
        double inHorn = 0;
        int n = 0;
        for (double t = 0; t < sc.durationS(); t += 60, n++) {
            var p = truth.at(t);
            if (RadiationEnvironment.inSaa(p.latitudeDeg(), p.longitudeDeg())) {
                inSaa++;
            } else if (RadiationEnvironment.inHorn(p.latitudeDeg())) {
                inHorn++;
            }
        }
        double expectedFactor = (inSaa * 25 + inHorn * 5 + (n - inSaa - inHorn)) / n;
        double expected = 96 * 2.0 * 10 * expectedFactor;
        long upsets = sat.truth().counts().upsets();
        // Poisson: within 5 standard deviations of the thinned rate, and well above the quiet rate.
        assertThat((double) upsets).isBetween(expected - 5 * Math.sqrt(expected), expected + 5 * Math.sqrt(expected));
        assertThat(expectedFactor).isGreaterThan(2.0);
    }

    @Test
    void sensorFaultsShowUpInReadingsWithTheRightQualityAndCode() {
        Scenario sc = new Scenario("sensors", null, Instant.parse("2027-03-21T00:00:00Z"), 3600.0, null, 1L, null, null,
                null, null, null, null, new Scenario.Radiation(0.0, null, null, null), null, List.of(
                new Scenario.Fault(10.0, FaultKind.SENSOR_NAN, "power.batterySocPct", 100.0, null, null),
                new Scenario.Fault(10.0, FaultKind.SENSOR_OUT_OF_RANGE, "board-03.tempC", 100.0, null, -300.0),
                new Scenario.Fault(10.0, FaultKind.SENSOR_STUCK, "thermal.cold-plate-a", 1000.0, null, null)), null);
        SimSatellite sat = new SimSatellite(sc);
        sat.advanceBy(Duration.ofSeconds(20));
        PowerReading p = sat.power().read();
        assertThat(p.batterySocPct()).isNaN();
        assertThat(p.quality()).isEqualTo(Quality.FAILED);
        assertThat(p.faults()).anySatisfy(f -> {
            assertThat(f.code()).isEqualTo(FaultCode.SENSOR_NAN);
            assertThat(f.quantity()).isEqualTo("batterySocPct");
        });
        var board = sat.boards().get(3).read();
        assertThat(board.tempC()).isEqualTo(-300.0);
        assertThat(board.quality()).isEqualTo(Quality.OUT_OF_RANGE);
        assertThat(board.faults()).anySatisfy(f -> {
            assertThat(f.code()).isEqualTo(FaultCode.SENSOR_OUT_OF_RANGE);
            assertThat(f.quantity()).isEqualTo("tempC");
        });
        double stuckAt = sat.thermal().read().zones().get(0).tempC();
        sat.advanceBy(Duration.ofSeconds(120));
        var th = sat.thermal().read();
        assertThat(th.zones().get(0).tempC()).isEqualTo(stuckAt);
        assertThat(th.zones().get(0).quality()).isEqualTo(Quality.STALE);
        assertThat(th.faults()).anySatisfy(f -> {
            assertThat(f.code()).isEqualTo(FaultCode.SENSOR_STUCK);
            assertThat(f.quantity()).isEqualTo("cold-plate-a");
        });
        // NaN and out-of-range faults ended after 100 s.
        assertThat(sat.power().read().quality()).isEqualTo(Quality.GOOD);
        assertThat(sat.boards().get(3).read().quality()).isEqualTo(Quality.GOOD);
    }

    @Test
    void cascadingFaultsScenarioInjectsEveryScriptedFault() {
        Scenario sc = Scenario.load(Path.of("scenarios/cascading-faults.yaml"));
        Truth t = ScenarioRunner.run(sc, new GreedyController(), new SimSatellite.Recording(0, 0, null)).truth();
        assertThat(t.counts().pumpsFailed()).isEqualTo(1);
        assertThat(t.counts().stringsLost()).isEqualTo(2);
        assertThat(t.counts().cellStringsLost()).isEqualTo(1);
        assertThat(t.counts().boardsFailed()).isEqualTo(1);
        assertThat(t.counts().hangs()).isPositive();
        assertThat(t.linkOutages()).isNotEmpty();
    }
}
