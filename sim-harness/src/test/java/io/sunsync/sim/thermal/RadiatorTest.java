package io.sunsync.sim.thermal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.sunsync.sim.SimSatellite;
import io.sunsync.sim.control.StaticCapController;
import io.sunsync.sim.scenario.Scenario;
import io.sunsync.sim.truth.ViolationKind;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RadiatorTest {
    private static final double SIGMA = 5.670374419e-8;

    @Test
    void twoSidedPanelRejectsAbout830WattsPerSquareMetreAt300KelvinToDeepSpace() {
        Radiator r = new Radiator(0.9, 2 * 120, 3);
        // ε σ T⁴ per face, two faces: 2 × 0.9 × 5.67e-8 × 300⁴ = 826.7 W/m²
        assertThat(r.rejectedW(300) / 120).isCloseTo(826.7, within(0.1));
        assertThat(r.rejectedW(300)).isBetween(95_000.0, 105_000.0);
        assertThat(r.steadyTempK(r.rejectedW(300))).isCloseTo(300, within(1e-9));
    }

    @Test
    void loopsSettleWhereTheRadiatorsRejectTheBoardsHeat() {
        // Nominal day (sunlit throughout), every board held at 700 W: the radiators must reach the
        // temperature where εσA(T⁴ − T_sink⁴) equals the heat put into each loop.
        Scenario sc = new Scenario("steady", null, Instant.parse("2027-03-21T00:00:00Z"), 8 * 3600.0, 2.0, 1L,
                null, null, null, null, null, null, new Scenario.Radiation(0.0, null, null, null), null, null, null).idealised();
        SimSatellite sat = new SimSatellite(sc);
        new StaticCapController(700).control(sat.now(), sat.power(), sat.thermal(), sat.boards());
        sat.advanceTo(sc.end());
        var th = sat.thermal().read();
        Scenario.Thermal spec = sc.thermal();
        double perLoopW = 48 * 700 + spec.pumpW();
        Radiator share = new Radiator(spec.emissivity(), 2 * spec.radiatorAreaM2() / 2, spec.sinkTempK());
        double expectedRadK = share.steadyTempK(perLoopW);
        double expectedFluidC = expectedRadK - 273.15 + perLoopW / spec.loopConductanceWPerK();
        for (var loop : th.loops()) {
            assertThat(loop.radiatorTempC() + 273.15).isCloseTo(expectedRadK, within(0.3));
        }
        for (var zone : th.zones()) {
            assertThat(zone.tempC()).isCloseTo(expectedFluidC, within(0.3));
        }
        // Board die: plate + P·R.
        assertThat(sat.boards().get(0).read().tempC()).isCloseTo(expectedFluidC + 700 * 0.025, within(0.3));
        assertThat(expectedRadK).isCloseTo(Math.pow(perLoopW / (0.9 * SIGMA * 120) + Math.pow(180, 4), 0.25), within(1e-9));
    }

    @Test
    void aFailedPumpOverheatsItsLoopsBoardsUntilTheHardwareSlowsAndShutsThemDown() {
        Scenario sc = new Scenario("pump", null, Instant.parse("2027-03-21T00:00:00Z"), 3 * 3600.0, null, 1L, null,
                null, null, null, null, null, new Scenario.Radiation(0.0, null, null, null), null,
                java.util.List.of(new Scenario.Fault(1800.0, io.sunsync.sim.fault.FaultKind.PUMP_FAILURE, "loop-a",
                        null, null, null)), null);
        SimSatellite sat = new SimSatellite(sc);
        sat.advanceTo(sc.end());
        var truth = sat.truth();
        assertThat(truth.count(ViolationKind.BOARD_THERMAL_SLOWDOWN)).isGreaterThanOrEqualTo(48);
        assertThat(truth.counts().thermalShutdowns()).isGreaterThan(0);
        assertThat(truth.counts().pumpsFailed()).isEqualTo(1);
        // Loop b's boards (48..95) never overheat.
        assertThat(truth.violations()).filteredOn(v -> v.device().equals("board-60")).isEmpty();
        var loopA = sat.thermal().read().loops().get(0);
        assertThat(loopA.pumpFailed()).isTrue();
        assertThat(loopA.flowLpm()).isZero();
    }
}
