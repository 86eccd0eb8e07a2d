package io.sunsync.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.sunsync.hal.FaultCode;
import io.sunsync.hal.accel.BoardReading;
import io.sunsync.hal.accel.BoardState;
import io.sunsync.hal.power.PowerReading;
import io.sunsync.sim.control.StaticCapController;
import io.sunsync.sim.scenario.Actuation;
import io.sunsync.sim.scenario.Boards;
import io.sunsync.sim.scenario.Scenario;
import io.sunsync.sim.truth.Truth;
import io.sunsync.sim.truth.ViolationKind;
import io.sunsync.testkit.Digests;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SimSatelliteTest {

    /** Steps at 1 s from the start until the first eclipse entry; returns the seconds elapsed. */
    private static long untilEclipse(SimSatellite sat) {
        long s = 0;
        while (sat.sunlit()) {
            sat.advanceBy(Duration.ofSeconds(1));
            s++;
        }
        return s;
    }

    @Test
    void periodAt650KmIs97point7Minutes() {
        SimSatellite sat = new SimSatellite(Scenario.reference());
        // T = 2π √(a³/μ), a = 7028.137 km: 5863.7 s
        assertThat(sat.periodS() / 60).isCloseTo(97.73, within(0.01));
    }

    @Test
    void onTheJuneSolsticeEachOrbitHasANineteenPoint7MinuteEclipseAndTheBatteryCarriesTheLoad() {
        // The cylindrical-shadow figure on the idealised circular orbit (the truth orbit's conical
        // shadow is checked in TruthOrbitTest).
        SimSatellite sat = new SimSatellite(Scenario.reference().idealised().idealisedOrbit());
        new StaticCapController(400).control(sat.now(), sat.power(), sat.thermal(), sat.boards());
        untilEclipse(sat);
        sat.advanceBy(Duration.ofSeconds(30));
        PowerReading dark = sat.power().read();
        assertThat(dark.sunlit()).isFalse();
        assertThat(dark.arrayAvailableW()).isZero();
        assertThat(dark.batteryPowerW()).isCloseTo(-dark.loadPowerW(), within(1e-6));
        long darkS = 30;
        while (!sat.sunlit()) {
            sat.advanceBy(Duration.ofSeconds(1));
            darkS++;
        }
        assertThat(darkS / 60.0).isCloseTo(19.7, within(0.2));
        long lightS = untilEclipse(sat);
        assertThat((lightS + darkS) / 60.0).isCloseTo(97.73, within(0.05));
    }

    @Test
    void aNominalDayAtTheEquinoxHasNoEclipse() {
        SimSatellite sat = new SimSatellite(Scenario.reference().with(Instant.parse("2027-03-21T00:00:00Z"), null, 4, null));
        sat.advanceBy(Duration.ofDays(1));
        assertThat(sat.truth().eclipseS()).isZero();
    }

    @Test
    void virtualTimeAdvancesOnlyWhenAskedAndSameSeedGivesTheSameState() {
        SimSatellite a = new SimSatellite(Scenario.reference());
        SimSatellite b = new SimSatellite(Scenario.reference());
        Instant start = a.now();
        assertThat(a.now()).isEqualTo(start);
        a.advanceTo(start.plus(Duration.ofHours(3)));
        b.advanceTo(start.plus(Duration.ofHours(3)));
        assertThat(a.now()).isEqualTo(Scenario.reference().start().plus(Duration.ofHours(3)));
        assertThat(a.batteryEnergyWh()).isEqualTo(b.batteryEnergyWh());
    }

    @Test
    void boardsLeftAtFullPowerIntoEclipseBrownOutAndTheTruthRecordsIt() {
        SimSatellite sat = new SimSatellite(Scenario.reference().idealised());
        untilEclipse(sat);
        sat.advanceBy(Duration.ofSeconds(2));
        Truth truth = sat.truth();
        assertThat(truth.count(ViolationKind.BROWN_OUT)).isEqualTo(1);
        assertThat(truth.counts().brownOuts()).isEqualTo(1);
        BoardReading r = sat.boards().get(3).read();
        assertThat(r.state()).isEqualTo(BoardState.DISABLED);
        assertThat(r.powerW()).isZero();
        assertThat(r.faults()).anySatisfy(f -> assertThat(f.code()).isEqualTo(FaultCode.DEVICE_OFFLINE));
        // Housekeeping is still carried by the battery.
        assertThat(sat.power().read().loadPowerW()).isCloseTo(2600, within(1e-6));
    }

    @Test
    void aBoardsSyntheticKernelIsTheSha256OfItsInputAndItsWrongOutputsAreTheTruthsRecord() throws Exception {
        // One weak board of two, corrupting 1 - exp(-0.4) = 33 % of one-unit items (no anomaly, no horns:
        // the environment's factor stays 1); the other one (1e-9 per unit) as good as never wrong.
        Scenario sc = new Scenario("sdc", null, Instant.parse("2027-03-21T00:00:00Z"), 3600.0, null, 4L, null, null,
                null, null, null, new Boards(2, null, null, null, null, null, null, null, null, null, null),
                new Scenario.Radiation(0.0, 1.0, 1.0, null, new Scenario.SilentCorruption(1e-9, 0.0, 1, 4e8)),
                null, null, null);
        SimSatellite sat = new SimSatellite(sc);
        sat.advanceBy(Duration.ofSeconds(1800));
        int weak = sat.weakBoards().get(0);
        int wrong = 0;
        for (int k = 0; k < 300; k++) {
            byte[] input = ("job:owner:item:" + k).getBytes(java.nio.charset.StandardCharsets.UTF_8);
            byte[] right = Digests.sha256(input);
            assertThat(sat.boards().get(1 - weak).runSyntheticKernel(input, 1.0)).contains(right);
            wrong += java.util.Arrays.equals(sat.boards().get(weak).runSyntheticKernel(input, 1.0).orElseThrow(), right) ? 0 : 1;
        }

        assertThat(wrong).isBetween(70, 130);
        assertThat(sat.corruptions()).hasSize(wrong).allSatisfy(c -> assertThat(c.board()).isEqualTo(weak));
        assertThat(sat.kernelCounts(weak)).containsExactly(wrong, 300L);
    }

    @Test
    void workUnitsAreTheIntegralOfThroughputAtTheCap() {
        Scenario sc = new Scenario("work", null, Instant.parse("2027-03-21T00:00:00Z"), 600.0, null, 1L, null, null,
                null, null, null, new Boards(2, null, null, null, null, null, null, null, null, null, null),
                new Scenario.Radiation(0.0, null, null, null), null, null, null)
                .withActuation(Actuation.ideal()); // the caps in force at once, no lag from 1000 W
        SimSatellite sat = new SimSatellite(sc);
        sat.boards().get(0).setCap(700);
        sat.boards().get(1).setCap(1000);
        sat.advanceBy(Duration.ofSeconds(600));
        assertThat(sat.boards().get(0).read().workUnits()).isCloseTo(0.76 * 600, within(1e-9));
        assertThat(sat.boards().get(1).read().workUnits()).isCloseTo(600, within(1e-9));
        assertThat(sat.truth().workUnits()).isCloseTo(1.76 * 600, within(1e-9));
    }

    @Test
    void aHungBoardDoesNoWorkUntilResetAndResettingTakesThirtySeconds() {
        Scenario sc = new Scenario("hang", null, Instant.parse("2027-03-21T00:00:00Z"), 600.0, null, 1L, null, null,
                null, null, null, new Boards(2, null, null, null, null, null, null, null, null, null, null),
                new Scenario.Radiation(0.0, null, null, null), null,
                java.util.List.of(new Scenario.Fault(100.0, io.sunsync.sim.fault.FaultKind.BOARD_HANG, "board-01",
                        null, null, null)), null);
        SimSatellite sat = new SimSatellite(sc);
        sat.advanceBy(Duration.ofSeconds(200));
        BoardReading hung = sat.boards().get(1).read();
        assertThat(hung.state()).isEqualTo(BoardState.HUNG);
        assertThat(hung.workUnits()).isCloseTo(100, within(1e-9));
        assertThat(hung.faults()).anySatisfy(f -> assertThat(f.code()).isEqualTo(FaultCode.DEVICE_HUNG));
        assertThat(sat.boards().get(1).setCap(500).fault().code()).isEqualTo(FaultCode.DEVICE_HUNG);
        assertThat(sat.boards().get(1).setEnabled(true).fault().code()).isEqualTo(FaultCode.DEVICE_HUNG);
        assertThat(sat.boards().get(1).reset().ok()).isTrue();
        sat.advanceBy(Duration.ofSeconds(10));
        assertThat(sat.boards().get(1).read().state()).isEqualTo(BoardState.RESETTING);
        sat.advanceBy(Duration.ofSeconds(30));
        assertThat(sat.boards().get(1).read().state()).isEqualTo(BoardState.ENABLED);
        assertThat(sat.truth().counts().hangs()).isEqualTo(1);
    }

    @Test
    void capsOutsideTheBoardsRangeAreRefusedWithACode() {
        SimSatellite sat = new SimSatellite(Scenario.reference());
        assertThat(sat.boards().get(0).setCap(300).fault().code()).isEqualTo(FaultCode.COMMAND_OUT_OF_RANGE);
        assertThat(sat.boards().get(0).setCap(1001).fault().code()).isEqualTo(FaultCode.COMMAND_OUT_OF_RANGE);
        assertThat(sat.boards().get(0).setCap(400).ok()).isTrue();
        assertThat(sat.thermal().setPump("loop-z", true).fault().code()).isEqualTo(FaultCode.COMMAND_REJECTED);
    }
}
