package io.sunsync.flight.fdir;

import static org.assertj.core.api.Assertions.assertThat;

import io.sunsync.flight.events.Event;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LimitMonitorTest {
    private static final Instant T = Instant.parse("2027-06-21T00:00:00Z");
    private final List<Event> events = new ArrayList<>();
    private final LimitMonitor monitor = new LimitMonitor("zone.coldPlateC", "°C", Limits.above(70, 85), 3, events::add);

    @Test
    void aSingleNoisySampleNeitherRaisesNorClearsAnAlarm() {
        monitor.sample(T, 90);
        monitor.sample(T.plusSeconds(1), 60);
        assertThat(monitor.state()).isEqualTo(LimitState.NOMINAL);
        assertThat(events).isEmpty();
    }

    @Test
    void persistentExcursionsAreDeclaredOnceWithAnEventAndCountedAsTrips() {
        for (int i = 0; i < 5; i++) {
            monitor.sample(T.plusSeconds(i), 90);
        }
        assertThat(monitor.state()).isEqualTo(LimitState.RED_HIGH);
        assertThat(monitor.trips()).isEqualTo(1);
        assertThat(events).extracting(Event::code).containsExactly("LIMIT_RED_HIGH");
        for (int i = 5; i < 8; i++) {
            monitor.sample(T.plusSeconds(i), 75);
        }
        assertThat(monitor.state()).isEqualTo(LimitState.YELLOW_HIGH);
        assertThat(events).extracting(Event::code).containsExactly("LIMIT_RED_HIGH", "LIMIT_YELLOW_HIGH");
    }

    @Test
    void anInvalidSensorIsItsOwnState() {
        for (int i = 0; i < 3; i++) {
            monitor.sample(T.plusSeconds(i), Double.NaN);
        }
        assertThat(monitor.state()).isEqualTo(LimitState.INVALID);
    }
}
