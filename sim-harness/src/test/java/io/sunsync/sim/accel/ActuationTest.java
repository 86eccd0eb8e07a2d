package io.sunsync.sim.accel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.sunsync.hal.CommandResult;
import io.sunsync.hal.accel.BoardState;
import io.sunsync.hal.accel.SafeStateGroup;
import io.sunsync.sim.SimAcceleratorBoard;
import io.sunsync.sim.SimSatellite;
import io.sunsync.sim.scenario.Actuation;
import io.sunsync.sim.scenario.Scenario;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The boards' command path and response in simulated time against analytic values: a serial
 * {@code nvidia-smi} brings a command to N boards into force board by board, 61 ms apart; NVML's
 * overlap; the draw follows a new cap as a first-order lag; a board switched off through the driver
 * draws its idle power.
 */
class ActuationTest {
    /** The reference satellite, ideal but for {@code actuation}, in sunlight with power to spare (no shadow for hours). */
    static SimSatellite satellite(Actuation actuation) {
        Scenario s = Scenario.reference().idealised().idealisedOrbit()
                .with(Instant.parse("2027-03-20T00:00:00Z"), null, null, null).withActuation(actuation);
        return new SimSatellite(s);
    }

    static Actuation timing(String backend, double tauS, boolean idle) {
        Actuation p = Actuation.preset(backend);
        return new Actuation(backend, p.commandMs(), p.effectMs(), p.serial(), tauS, idle, null, null);
    }

    static double ms(SimSatellite sat, Instant t) {
        return Duration.between(sat.scenario().start(), t).toNanos() / 1e6;
    }

    @Test
    void nvidiaSmiSwitchesNinetySixBoardsOffOneEvery61Ms() {
        SimSatellite sat = satellite(timing("nvidia-smi", 0, false));
        for (SimAcceleratorBoard b : sat.boards()) {
            assertThat(b.setEnabled(false).ok()).isTrue();
        }
        // Board k's `nvidia-smi -pl` starts after k commands of 61 ms (-pl and its verifying query)
        // and the limit is in force when its process ends, 30.5 ms later.
        for (int k = 0; k < 96; k++) {
            assertThat(ms(sat, sat.boards().get(k).pendingUntil())).isCloseTo(k * 61.0 + 30.5, within(1e-6));
        }
        sat.advanceTo(sat.now().plusMillis(30));
        assertThat(sat.boards().get(0).read().state()).isEqualTo(BoardState.ENABLED);
        sat.advanceTo(sat.scenario().start().plusMillis(31));
        assertThat(sat.boards().get(0).read().state()).isEqualTo(BoardState.DISABLED);
        assertThat(sat.boards().get(1).read().state()).isEqualTo(BoardState.ENABLED);
        sat.advanceTo(sat.scenario().start().plusNanos(5_825_000_000L)); // 95 x 61 + 30.5 = 5825.5 ms
        assertThat(sat.boards().get(94).read().state()).isEqualTo(BoardState.DISABLED);
        assertThat(sat.boards().get(95).read().state()).isEqualTo(BoardState.ENABLED);
        sat.advanceTo(sat.scenario().start().plusNanos(5_826_000_000L));
        assertThat(sat.boards().get(95).read().state()).isEqualTo(BoardState.DISABLED);
        assertThat(sat.boards().get(95).pendingUntil()).isNull();
    }

    @Test
    void nvidiaSmiShedsEveryBoardWithOneGroupCommandInForceWhenItsProcessEnds() {
        SimSatellite sat = satellite(timing("nvidia-smi", 0, false));
        SafeStateGroup group = sat.boards().get(0).safeStateGroup().orElseThrow();

        assertThat(group.applySafeState(sat.boards())).hasSize(96).allMatch(CommandResult::ok);

        // One `nvidia-smi -i 0,...,95 -pl W`: the 30.5 ms process plus 0.1 ms a GPU, then the limits are in force.
        double inForceMs = 30.5 + 96 * 0.1;
        assertThat(Actuation.preset("nvidia-smi").groupEffectMs(96)).isCloseTo(inForceMs, within(1e-9));
        for (SimAcceleratorBoard b : sat.boards()) {
            assertThat(ms(sat, b.pendingUntil())).isCloseTo(inForceMs, within(1e-6));
        }
        sat.advanceTo(sat.scenario().start().plusNanos(40_000_000L));
        assertThat(sat.boards()).allMatch(b -> b.read().state() == BoardState.ENABLED);
        sat.advanceTo(sat.scenario().start().plusNanos(40_200_000L));
        assertThat(sat.boards()).allMatch(b -> b.read().state() == BoardState.DISABLED);
    }

    @Test
    void aGroupShedGoesAheadOfTheCapsWaitingForTheToolAfterTheOneItRuns() {
        SimSatellite sat = satellite(timing("nvidia-smi", 0, false));
        for (SimAcceleratorBoard b : sat.boards()) {
            assertThat(b.setCap(600).ok()).isTrue(); // 96 caps through the one tool: 5.9 s of work
        }

        sat.boards().get(0).safeStateGroup().orElseThrow().applySafeState(sat.boards());

        // board 0's cap has started (the tool is busy until 61 ms); the group runs next and drops the other 95 caps
        double inForceMs = 61 + Actuation.preset("nvidia-smi").groupEffectMs(96);
        for (SimAcceleratorBoard b : sat.boards()) {
            assertThat(ms(sat, b.pendingUntil())).isCloseTo(inForceMs, within(1e-6));
        }
        sat.advanceTo(sat.scenario().start().plusNanos(Math.round(inForceMs * 1e6) + 1));
        assertThat(sat.boards()).allMatch(b -> b.read().state() == BoardState.DISABLED);
        assertThat(sat.boards().get(0).read().capW()).isEqualTo(600);
        assertThat(sat.boards().get(1).read().capW()).as("its waiting cap was dropped")
                .isEqualTo(sat.boards().get(1).spec().maxCapW());
    }

    @Test
    void onlyASerialToolShedsInOneCommand() {
        assertThat(Actuation.preset("nvml").groupSafeState()).isFalse();
        assertThat(satellite(Actuation.preset("nvml")).boards().get(0).safeStateGroup()).isEmpty();
        assertThat(new Actuation("nvidia-smi", null, null, false, null, null, null, null).groupSafeState()).isFalse();
        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> new Actuation("nvml", null, null, null, null, null, true, null))
                .isInstanceOf(io.sunsync.hal.config.ConfigException.class).hasMessageContaining("groupSafeState");
    }

    @Test
    void theBusSeesTheBoardsGoOffBoardByBoardWithinAStep() {
        // 1 s steps: 17 boards' limits come into force in the first second (at 30.5, 91.5, ..., 1006.5 ms:
        // 16 of them), each drawing its 1000 W until its instant, nothing after (no idle, no lag).
        SimSatellite sat = satellite(timing("nvidia-smi", 0, false));
        double before = sat.truth().energy().boardsWh();
        sat.boards().forEach(b -> b.setEnabled(false));
        sat.advanceBy(Duration.ofSeconds(1));
        double onS = 0;
        for (int k = 0; k < 96; k++) {
            onS += Math.min(1.0, (k * 61.0 + 30.5) / 1000);
        }
        assertThat((sat.truth().energy().boardsWh() - before) * 3600).isCloseTo(1000 * onS, within(1e-6));
        assertThat(sat.truth().workUnits()).as("work at the full cap while on").isCloseTo(onS, within(1e-9));
    }

    @Test
    void nvmlCommandsToDifferentBoardsOverlap() {
        SimSatellite sat = satellite(timing("nvml", 0, false));
        sat.boards().forEach(b -> b.setCap(500));
        for (SimAcceleratorBoard b : sat.boards()) {
            assertThat(ms(sat, b.pendingUntil())).isCloseTo(0.1, within(1e-6));
        }
        sat.advanceTo(sat.now().plusNanos(200_000));
        assertThat(sat.boards()).allSatisfy(b -> assertThat(b.read().capW()).isEqualTo(500));
    }

    @Test
    void aShedTakesThePlaceOfTheCapsWaitingForTheTool() {
        SimSatellite sat = satellite(timing("nvidia-smi", 0, false));
        sat.boards().forEach(b -> b.setCap(500));
        sat.advanceTo(sat.now().plusMillis(100)); // boards 0 and 1 have started (at 0 and 61 ms), 2.. wait
        sat.boards().forEach(b -> b.setEnabled(false));
        // Boards 2..95: the switch-off in the place of the cap; 0 and 1 after them.
        for (int k = 2; k < 96; k++) {
            assertThat(ms(sat, sat.boards().get(k).pendingUntil())).isCloseTo(k * 61.0 + 30.5, within(1e-6));
        }
        assertThat(ms(sat, sat.boards().get(0).pendingUntil())).isCloseTo(96 * 61.0 + 30.5, within(1e-6));
        assertThat(ms(sat, sat.boards().get(1).pendingUntil())).isCloseTo(97 * 61.0 + 30.5, within(1e-6));
    }

    @Test
    void aNewerCommandReplacesAWaitingOneSoTheQueueDoesNotGrow() {
        SimSatellite sat = satellite(timing("nvidia-smi", 0, false));
        for (int tick = 0; tick < 5; tick++) { // a control tick every second asks for a new cap on every board
            double cap = 500 + 10 * tick;
            sat.boards().forEach(b -> b.setCap(cap));
            sat.advanceBy(Duration.ofSeconds(1));
        }
        double last = sat.boards().stream().map(SimAcceleratorBoard::pendingUntil).filter(java.util.Objects::nonNull)
                .mapToDouble(t -> ms(sat, t)).max().orElse(0);
        // At most one round of 96 commands (5.9 s of tool time) is ever waiting.
        assertThat(last - ms(sat, sat.now())).isLessThan(96 * 61.0);
        sat.advanceBy(Duration.ofSeconds(6));
        assertThat(sat.boards()).allSatisfy(b -> assertThat(b.read().capW()).isEqualTo(540));
    }

    @Test
    void theDrawFollowsANewCapAsAFirstOrderLag() {
        double tau = 0.1;
        SimSatellite sat = satellite(timing("ideal", tau, false));
        sat.boards().get(0).setCap(400);
        double before = sat.truth().energy().boardsWh();
        sat.advanceBy(Duration.ofSeconds(1));
        // Mean over the first second: 400 + 600 (τ/1 s)(1 − e^(−1/τ)) = 459.997 W.
        double mean = 400 + 600 * tau * (1 - Math.exp(-1 / tau));
        assertThat((sat.truth().energy().boardsWh() - before) * 3600).isCloseTo(95 * 1000 + mean, within(1e-6));
        assertThat(sat.boards().get(0).read().powerW()).isCloseTo(mean, within(1e-9));

        // Stepped at 50 ms: the mean over [50, 100) ms of a rise from 400 W to 1000 W.
        sat.boards().get(0).setCap(1000);
        sat.advanceBy(Duration.ofMillis(50));
        sat.advanceBy(Duration.ofMillis(50));
        double start = 400 + 600 * Math.exp(-1 / tau); // where the first second left it
        double at50 = 1000 + (start - 1000) * Math.exp(-0.05 / tau);
        double mean2 = 1000 + (at50 - 1000) * (tau / 0.05) * (1 - Math.exp(-0.05 / tau));
        assertThat(sat.boards().get(0).read().powerW()).isCloseTo(mean2, within(1e-9));
    }

    @Test
    void aBoardSwitchedOffThroughTheDriverStillDrawsItsIdlePower() {
        SimSatellite sat = satellite(timing("ideal", 0, true));
        sat.boards().get(3).setEnabled(false);
        sat.advanceBy(Duration.ofSeconds(1));
        assertThat(sat.boards().get(3).read().powerW()).isEqualTo(80.0);
        assertThat(sat.boards().get(3).read().state()).isEqualTo(BoardState.DISABLED);
        double work = sat.boards().get(3).read().workUnits();
        sat.advanceBy(Duration.ofSeconds(10));
        assertThat(sat.boards().get(3).read().workUnits()).as("no work while off").isEqualTo(work);

        SimSatellite ideal = satellite(Actuation.ideal());
        ideal.boards().get(3).setEnabled(false);
        ideal.advanceBy(Duration.ofSeconds(1));
        assertThat(ideal.boards().get(3).read().powerW()).isZero();
    }

    @Test
    void theNvmlTimingIsOnByDefaultAndIdealisedSwitchesItOff() {
        Actuation a = Scenario.reference().actuation();
        assertThat(a.backend()).isEqualTo("nvml");
        assertThat(a.commandMs()).isEqualTo(0.1);
        assertThat(a.serial()).isFalse();
        assertThat(a.capTimeConstantS()).isEqualTo(0.1);
        assertThat(a.disabledDrawsIdle()).as("a GPU the driver switches off still draws").isTrue();
        Actuation smi = Actuation.preset("nvidia-smi");
        assertThat(smi.commandMs()).isEqualTo(61.0);
        assertThat(smi.effectMs()).isEqualTo(30.5);
        assertThat(smi.serial()).isTrue();
        assertThat(Scenario.reference().idealised().actuation().instant()).isTrue();
        assertThat(Scenario.reference().idealised().actuation().disabledDrawsIdle()).isFalse();
    }
}
