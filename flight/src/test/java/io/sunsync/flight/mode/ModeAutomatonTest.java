package io.sunsync.flight.mode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

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

    @Test
    void listenersAreToldOfEachSafeModeEntryOnceHoweverLongItLasts() {
        ModeAutomaton.Listener listener = mock(ModeAutomaton.Listener.class);
        modes.addListener(listener);

        run(3, 0.2, false, false, 0);
        run(100, 0.2, false, false, 0);

        verify(listener, times(1)).entered(any(), any(), eq(FlightMode.SAFE), anyString());
        verify(listener, never()).entered(any(), any(), eq(FlightMode.NOMINAL), anyString());
        run(200, 25, true, false, 0);
        verify(listener).entered(any(), eq(FlightMode.SAFE), eq(FlightMode.NOMINAL), anyString());
        modes.command(T.plusSeconds(s), FlightMode.SAFE);
        verify(listener).entered(any(), eq(FlightMode.NOMINAL), eq(FlightMode.SAFE), eq("commanded by ground"));
        modes.command(T.plusSeconds(s), FlightMode.SAFE); // already there: no transition
        verify(listener, times(2)).entered(any(), any(), eq(FlightMode.SAFE), anyString());
    }
}
