package io.sunsync.flight.fdir;

import static org.assertj.core.api.Assertions.assertThat;

import io.sunsync.flight.events.Event;
import io.sunsync.flight.fakes.InlineActuator;
import io.sunsync.flight.mode.FlightMode;
import io.sunsync.flight.mode.ModeAutomaton;
import io.sunsync.flight.mode.ModeConfig;
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
import org.junit.jupiter.api.Test;

class FaultProtectionTest {
    private static final Instant T = Instant.parse("2027-06-21T00:00:00Z");
    private static final PowerSystemSpec SPEC = FakePowerSystem.REFERENCE_SPEC;

    private final List<Event> events = new ArrayList<>();
    private final List<String> isolatedSeen = new ArrayList<>();
    private final FakeBoard b0 = new FakeBoard("board-00", 0);
    private final FakeBoard b1 = new FakeBoard("board-01", 1);
    private final FakeThermal thermal = new FakeThermal();
    private double socPct = 80;
    private final PowerSystem power = new FakePowerSystem(SPEC, () -> new PowerReading(T, 100_000, 99_000, 120, 99_000, 0,
            socPct * 200, socPct, true, 1, 1, Double.isNaN(socPct) ? Quality.FAILED : Quality.GOOD, List.of()));
    private final List<AcceleratorBoard> boards = List.of(b0, b1);
    private final HardwareSampler sampler = new HardwareSampler(power, thermal, boards);
    private final ModeAutomaton modes = new ModeAutomaton(ModeConfig.defaults(), events::add);
    private final FaultProtection fdir = new FaultProtection(FdirConfig.defaults(), sampler, boards,
            InlineActuator.of(boards, events::add), thermal, SPEC, modes,
            () -> Double.isNaN(socPct) ? Double.NaN : socPct * 200, events::add,
            (id, why) -> isolatedSeen.add(id));
    private long s;

    private void tick(int n) {
        for (int i = 0; i < n; i++) {
            Instant t = T.plusSeconds(s++);
            sampler.tick(t);
            fdir.tick(t);
        }
    }

    @Test
    void aHungBoardIsResetAndComesBack() {
        b0.state = BoardState.HUNG;
        tick(1);
        assertThat(b0.resets).isEqualTo(1);
        assertThat(b0.state).isEqualTo(BoardState.ENABLED);
        assertThat(fdir.isAvailable("board-00")).isTrue();
        assertThat(events).extracting(Event::code).contains("BOARD_RESET");
    }

    @Test
    void aBoardThatKeepsHangingIsIsolatedItsJobsMovedAndItStaysOffUntilRestored() {
        b0.state = BoardState.HUNG;
        b0.stuckHung = true;
        tick(5);
        assertThat(b0.resets).isEqualTo(3);
        assertThat(fdir.isAvailable("board-00")).isFalse();
        assertThat(isolatedSeen).containsExactly("board-00");
        assertThat(b0.state).isEqualTo(BoardState.DISABLED);
        b0.stuckHung = false;
        b0.state = BoardState.ENABLED; // something switched it on: fault protection switches it off again
        tick(1);
        assertThat(b0.state).isEqualTo(BoardState.DISABLED);
        assertThat(fdir.restore(T.plusSeconds(s), "board-00")).isTrue();
        assertThat(fdir.isAvailable("board-00")).isTrue();
    }

    @Test
    void repeatedUncorrectableErrorsIsolateABoard() {
        for (int i = 0; i < 6; i++) {
            b1.ecc++;
            tick(1);
        }
        assertThat(fdir.isAvailable("board-01")).isFalse();
        assertThat(events).extracting(Event::code).contains("BOARD_ERROR", "BOARD_ISOLATED");
    }

    @Test
    void aHotZoneMeansSafeModeAfterPersistence() {
        thermal.zoneC = 72;
        tick(2);
        assertThat(modes.mode()).isEqualTo(FlightMode.NOMINAL);
        tick(1);
        assertThat(modes.mode()).isEqualTo(FlightMode.SAFE);
    }

    @Test
    void aFailedPumpBringsUpTheOtherLoop() {
        thermal.pumpAFailed = true;
        tick(1);
        assertThat(thermal.pumpBOn).isTrue();
        assertThat(events).extracting(Event::code).contains("PUMP_FAILED");
    }

    @Test
    void aColdZoneSwitchesItsLoopHeaterOnAndOffAgain() {
        thermal.zoneC = -7;
        tick(3);
        assertThat(thermal.heaterA).isTrue();
        thermal.zoneC = 20;
        tick(3);
        assertThat(thermal.heaterA).isFalse();
    }

    @Test
    void losingThePowerGaugeIsReportedAndLeadsToPowerSave() {
        socPct = Double.NaN;
        tick(31);
        assertThat(events).extracting(Event::code).contains("POWER_SENSOR_LOST");
        assertThat(modes.mode()).isEqualTo(FlightMode.POWER_SAVE);
    }

    @Test
    void boardsIsolatedAsSuspectsOfWrongResultsAreSwitchedOffTheirJobsMovedWithoutSafeMode() {
        FakeBoard b2 = new FakeBoard("board-02", 2);
        HardwareSampler samp = new HardwareSampler(power, thermal, List.of(b0, b1, b2));
        FaultProtection f = onBoards(samp, List.of(b0, b1, b2));
        for (String id : List.of("board-00", "board-01", "board-02")) {
            assertThat(f.isolateSuspect(T, id, "3 results failed their checks")).isTrue();
        }
        assertThat(f.isolateSuspect(T, "board-00", "again")).as("isolated already").isFalse();
        assertThat(f.isolateSuspect(T, "board-99", "no such board")).isFalse();
        samp.tick(T);
        f.tick(T);

        assertThat(f.isolated()).containsExactlyInAnyOrder("board-00", "board-01", "board-02");
        assertThat(isolatedSeen).containsExactly("board-00", "board-01", "board-02");
        assertThat(b0.state).isEqualTo(BoardState.DISABLED);
        assertThat(events).filteredOn(e -> e.code().equals("BOARD_ISOLATED")).hasSize(3);
        assertThat(modes.mode()).as("wrong answers do not endanger the satellite").isEqualTo(FlightMode.NOMINAL);
        assertThat(f.restore(T, "board-00")).isTrue();
        assertThat(f.isAvailable("board-00")).isTrue();
    }

    @Test
    void threeIsolationsWithinTheWindowMeanSafeMode() {
        FakeBoard b2 = new FakeBoard("board-02", 2);
        HardwareSampler samp = new HardwareSampler(power, thermal, List.of(b0, b1, b2));
        FaultProtection f = onBoards(samp, List.of(b0, b1, b2));
        for (FakeBoard b : List.of(b0, b1, b2)) {
            b.state = BoardState.FAILED;
        }
        samp.tick(T);
        f.tick(T);
        assertThat(f.isolated()).hasSize(3);
        assertThat(modes.mode()).isEqualTo(FlightMode.SAFE);
    }

    /** Fault protection over {@code boards}, read by {@code samp}; the boards it isolates go to isolatedSeen. */
    private FaultProtection onBoards(HardwareSampler samp, List<AcceleratorBoard> boards) {
        return new FaultProtection(FdirConfig.defaults(), samp, boards, InlineActuator.of(boards, events::add), thermal,
                SPEC, modes, () -> 16_000, events::add, (id, why) -> isolatedSeen.add(id));
    }
}
