package io.sunsync.flight.mode;

import static org.assertj.core.api.Assertions.assertThat;

import io.sunsync.flight.events.Event;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModeAutomatonTest {
    private static final Instant T = Instant.parse("2027-06-21T00:00:00Z");
    private final List<Event> events = new ArrayList<>();
    private final ModeAutomaton modes = new ModeAutomaton(ModeConfig.defaults(), events::add);
    private long s;

    private void run(int seconds, double socAboveFloorPct, boolean sunlit, boolean thermalRed, int isolations) {
        for (int i = 0; i < seconds; i++) {
            modes.update(T.plusSeconds(s++), new ModeInputs(socAboveFloorPct, sunlit, thermalRed, isolations, 0));
        }
    }

    @Test
    void aBatteryNearTheFloorMeansPowerSaveThenSafeWithoutTheGround() {
        run(10, 30, true, false, 0);
        assertThat(modes.mode()).isEqualTo(FlightMode.NOMINAL);
        run(3, 1.0, false, false, 0);
        assertThat(modes.mode()).isEqualTo(FlightMode.POWER_SAVE);
        assertThat(modes.policy().minWeight()).isEqualTo(1.0);
        run(3, 0.2, false, false, 0);
        assertThat(modes.mode()).isEqualTo(FlightMode.SAFE);
        assertThat(modes.policy().boardsAllowed()).isFalse();
        assertThat(events).extracting(Event::code).contains("MODE_POWER_SAVE", "MODE_SAFE");
    }

    @Test
    void safeModeIsLeftOnlyAfterTheConditionsHaveClearedForTheHoldTime() {
        run(3, 0.2, false, false, 0);
        assertThat(modes.mode()).isEqualTo(FlightMode.SAFE);
        run(60, 25, true, false, 0);
        assertThat(modes.mode()).isEqualTo(FlightMode.SAFE);
        run(100, 25, true, false, 0);
        assertThat(modes.mode()).isEqualTo(FlightMode.NOMINAL);
        assertThat(modes.transitions()).isEqualTo(2);
    }

    @Test
    void aThermalAlarmOrRepeatedIsolationsMeanSafeMode() {
        run(1, 30, true, true, 0);
        assertThat(modes.mode()).isEqualTo(FlightMode.SAFE);
        assertThat(modes.reason()).contains("thermal");
        ModeAutomaton other = new ModeAutomaton(ModeConfig.defaults(), e -> { });
        other.update(T, new ModeInputs(30, true, false, 3, 0));
        assertThat(other.mode()).isEqualTo(FlightMode.SAFE);
    }

    @Test
    void aCommandedModeHoldsUntilTheGroundChangesIt() {
        modes.command(T, FlightMode.SAFE);
        run(1000, 50, true, false, 0);
        assertThat(modes.mode()).isEqualTo(FlightMode.SAFE);
        assertThat(modes.allows("job.submit")).isFalse();
        assertThat(modes.allows("mode.set")).isTrue();
        modes.command(T.plusSeconds(s), FlightMode.NOMINAL);
        assertThat(modes.mode()).isEqualTo(FlightMode.NOMINAL);
    }

    @Test
    void losingThePowerSensorMeansPowerSave() {
        modes.update(T, new ModeInputs(Double.NaN, true, false, 0, 31));
        assertThat(modes.mode()).isEqualTo(FlightMode.POWER_SAVE);
    }
}
