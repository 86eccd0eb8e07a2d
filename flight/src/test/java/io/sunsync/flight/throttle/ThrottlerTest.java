package io.sunsync.flight.throttle;

import static org.assertj.core.api.Assertions.assertThat;

import io.sunsync.flight.fakes.InlineActuator;
import io.sunsync.flight.sample.HardwareSampler;
import io.sunsync.hal.Quality;
import io.sunsync.hal.accel.AcceleratorBoard;
import io.sunsync.hal.accel.BoardState;
import io.sunsync.hal.power.PowerReading;
import io.sunsync.hal.power.PowerSystem;
import io.sunsync.hal.power.PowerSystemSpec;
import io.sunsync.sim.fake.FakeBoard;
import io.sunsync.sim.fake.FakePowerSystem;
import io.sunsync.sim.fake.FakeThermal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The throttler on in-memory hardware: what it commands the boards to do. */
class ThrottlerTest {
    private static final Instant T = Instant.parse("2027-06-21T00:00:00Z");
    private static final PowerSystemSpec SPEC = new PowerSystemSpec(100_000, 20_000, 35, 10_000, 40_000, 120);

    private double arrayW = 10_000;
    private double energyWh = 20_000;
    private boolean sunlit = true;
    private final List<Set<String>> warned = new ArrayList<>();
    private final List<FakeBoard> boards = new ArrayList<>();
    private final List<String> shed = new ArrayList<>();
    private final java.util.Map<String, String> gangs = new java.util.HashMap<>();
    private final PowerSystem power = new FakePowerSystem(SPEC, () -> {
        double load = boards.stream().mapToDouble(b -> b.read().powerW()).sum() + 1000;
        // A full battery balances the bus: it discharges what the array cannot carry.
        return new PowerReading(T, arrayW, Math.min(arrayW, load), 120, load, Math.min(0, arrayW - load), energyWh,
                100 * energyWh / 20_000, sunlit, 1, 1, Quality.GOOD, List.of());
    });
    private final Throttler throttler;
    private final HardwareSampler sampler;

    ThrottlerTest() {
        for (int i = 0; i < 8; i++) {
            boards.add(new FakeBoard("board-0" + i, i));
        }
        List<AcceleratorBoard> hal = List.copyOf(boards);
        FakeThermal thermal = new FakeThermal();
        sampler = new HardwareSampler(power, thermal, hal);
        throttler = new Throttler(ThrottlerConfig.defaults(), power, thermal.spec(), hal, sampler, id -> true, () -> true,
                () -> SPEC.batteryCapacityWh(), new Workload() {
                    @Override
                    public double weight(String boardId) {
                        return 1;
                    }

                    @Override
                    public String gang(String boardId) {
                        return gangs.get(boardId);
                    }

                    @Override
                    public void boardShed(String boardId, String reason) {
                        shed.add(boardId + ":" + reason);
                    }

                    @Override
                    public void boardsAboutToBeShed(Set<String> boardIds) {
                        warned.add(boardIds);
                    }
                }, InlineActuator.of(hal, e -> { }), () -> ModePolicy.NOMINAL);
    }

    private void tick(int n) {
        for (int i = 0; i < n; i++) {
            Instant t = T.plusSeconds(i);
            sampler.tick(t);
            throttler.tick(t);
        }
    }

    /** Ticks once a second from {@code fromS} to {@code toS} (exclusive) after T. */
    private void run(int fromS, int toS) {
        for (int i = fromS; i < toS; i++) {
            sampler.tick(T.plusSeconds(i));
            throttler.tick(T.plusSeconds(i));
        }
    }

    private double drawW() {
        return boards.stream().mapToDouble(b -> b.read().powerW()).sum();
    }

    @Test
    void theBoardsDrawNoMoreThanTheArrayLeavesAndTheRestAreShedAndReported() {
        arrayW = 4_000; // a full battery: the boards get what the array gives, less housekeeping
        tick(20);
        // This power system's array sensor sees only what flows: the throttler probes for more, and the
        // battery covers at most the probe's tolerance before the estimate comes back down.
        double tolerance = ThrottlerConfig.defaults().arrayProbeToleranceW();
        assertThat(drawW()).isLessThanOrEqualTo(arrayW - 1000 + tolerance).isGreaterThan(0.9 * (arrayW - 1000));
        long off = boards.stream().filter(b -> b.state == BoardState.DISABLED).count();
        assertThat(off).isPositive();
        // Every board off was reported shed for power (the probe may have brought one back meanwhile).
        assertThat(shed).allMatch(s -> s.endsWith(":POWER"));
        boards.stream().filter(b -> b.state == BoardState.DISABLED)
                .forEach(b -> assertThat(shed).contains(b.read().boardId() + ":POWER"));
        assertThat(throttler.lastDecision().binding()).isEqualTo("POWER");
    }

    @Test
    void theBoardsOfAJobOnSeveralBoardsAreSwitchedTogether() {
        // Watts for about six of the eight boards; the last four run one job (among boards alike the
        // allocation sheds by position, from the last).
        for (int i = 4; i < 8; i++) {
            gangs.put("board-0" + i, "train");
        }
        arrayW = 4_000;
        for (int t = 0; t < 30; t++) {
            run(t, t + 1);
            Set<BoardState> train = new java.util.HashSet<>();
            boards.subList(4, 8).forEach(b -> train.add(b.state));
            assertThat(train).as("t=%d", t).hasSize(1);
        }
        assertThat(boards.stream().filter(b -> b.state == BoardState.DISABLED)).isNotEmpty();
        assertThat(drawW()).isGreaterThan(0.8 * (arrayW - 1000));
    }

    @Test
    void whatTheBoardsSwitchedOffStillDrawIsLeftOutOfTheShare() {
        // A GPU the driver "disables" still draws its idle power: six boards off are 480 W the battery
        // would carry unplanned if the share among the boards on did not leave it.
        boards.forEach(b -> b.offDrawW = 80);
        arrayW = 2_000;
        tick(30);
        double tolerance = ThrottlerConfig.defaults().arrayProbeToleranceW();
        long off = boards.stream().filter(b -> b.state == BoardState.DISABLED).count();
        assertThat(off).isGreaterThanOrEqualTo(5);
        assertThat(drawW()).isLessThanOrEqualTo(arrayW - 1000 + tolerance).isGreaterThan(0.8 * (arrayW - 1000));
    }

    @Test
    void theShadowsBudgetHoldsThroughTheSunriseTailWhileTheArrayComesUp() {
        // In the shadow the battery carries every board (its plan has more than their 8 kW).
        sunlit = false;
        arrayW = 0;
        run(0, 60);
        assertThat(boards).allMatch(b -> b.state == BoardState.ENABLED);
        // The Sun is back but the array gives only 500 W yet (the exit penumbra): for the eclipse tail
        // (60 s) the boards keep the shadow's budget, which the eclipse plan set the energy aside for.
        sunlit = true;
        arrayW = 500;
        run(60, 60 + ThrottlerConfig.defaults().eclipseTailS().intValue());
        assertThat(shed).isEmpty();
        assertThat(throttler.lastDecision().budget().binding()).isEqualTo("ECLIPSE_TAIL");
        // An array that stays dim past the tail is what the boards get.
        run(60 + ThrottlerConfig.defaults().eclipseTailS().intValue(), 200);
        assertThat(shed).isNotEmpty();
        assertThat(drawW()).isLessThan(1000);
    }

    @Test
    void anOperatorCeilingHoldsAgainstEveryReplanUntilCleared() {
        arrayW = 100_000;
        tick(5);
        assertThat(boards.get(3).capW).isEqualTo(1000);
        throttler.setCeiling("board-03", 550);
        tick(10);
        assertThat(boards.get(3).capW).isLessThanOrEqualTo(550);
        assertThat(boards.get(2).capW).isEqualTo(1000);
        assertThat(throttler.ceilings()).containsEntry("board-03", 550.0);
        throttler.setCeiling("board-03", 1000);
        tick(10);
        assertThat(boards.get(3).capW).isEqualTo(1000);
        assertThat(throttler.ceilings()).isEmpty();
    }

    @Test
    void capsAreNotChurnedWhenNothingChanges() {
        arrayW = 6_500;
        tick(10);
        int commands = boards.stream().mapToInt(b -> b.setCaps).sum();
        tick(30);
        // Only the array probe moves the caps (5 W/s shared by the boards on, each raised past its 10 W
        // deadband): a couple of raises each in 30 s, no chatter at the control rate.
        assertThat(boards.stream().mapToInt(b -> b.setCaps).sum() - commands).isLessThanOrEqualTo(2 * boards.size());
    }

    @Test
    void aBoardLeftJustUnderItsMaximumIsRaisedToItDespiteTheDeadband() {
        arrayW = 100_000;
        tick(5);
        assertThat(boards).allMatch(b -> b.capW == 1000);
        // One tick's dip left a board a few watts under its maximum, less than the deadband: the next
        // plan gives it the maximum again, and that raise is sent.
        boards.get(3).capW = 1000 - ThrottlerConfig.defaults().capDeadbandW() / 2;
        sampler.tick(T.plusSeconds(5));
        throttler.tick(T.plusSeconds(5));
        assertThat(boards.get(3).capW).isEqualTo(1000);
    }

    @Test
    void jobsAreWarnedOnceToCheckpointBeforeAnEclipseThatWillShedTheirBoards() {
        arrayW = 100_000;
        energyWh = 8_000; // just above the floor: the eclipse can carry almost nothing
        throttler.forecaster().uplink(List.of(new EclipseWindow(T.plusSeconds(300), T.plusSeconds(1500))));
        tick(170); // 130 s before the eclipse: not yet
        assertThat(warned).isEmpty();
        for (int i = 170; i < 200; i++) {
            sampler.tick(T.plusSeconds(i));
            throttler.tick(T.plusSeconds(i));
        }
        assertThat(warned).hasSize(1);
        assertThat(warned.get(0)).hasSize(8);
    }
}
