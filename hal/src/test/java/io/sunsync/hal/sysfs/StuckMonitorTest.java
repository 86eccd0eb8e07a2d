package io.sunsync.hal.sysfs;

import static org.assertj.core.api.Assertions.assertThat;

import io.sunsync.hal.FaultCode;
import io.sunsync.hal.Quality;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class StuckMonitorTest {
    private final Instant t0 = Instant.parse("2027-01-01T00:00:00Z");

    @Test
    void aValueUnchangedLongerThanTheLimitIsStuckAndStale() {
        StuckMonitor m = new StuckMonitor(Duration.ofSeconds(60));
        assertThat(m.check("t", Sample.good(41.5), t0).good()).isTrue();
        assertThat(m.check("t", Sample.good(41.5), t0.plusSeconds(60)).good()).isTrue();
        Sample s = m.check("t", Sample.good(41.5), t0.plusSeconds(61));
        assertThat(s.fault()).isEqualTo(FaultCode.SENSOR_STUCK);
        assertThat(s.quality()).isEqualTo(Quality.STALE);
        assertThat(s.value()).isEqualTo(41.5);
    }

    @Test
    void aChangeStartsTheClockAgain() {
        StuckMonitor m = new StuckMonitor(Duration.ofSeconds(60));
        m.check("t", Sample.good(41.5), t0);
        m.check("t", Sample.good(41.6), t0.plusSeconds(50));
        assertThat(m.check("t", Sample.good(41.6), t0.plusSeconds(100)).good()).isTrue();
        assertThat(m.check("t", Sample.good(41.6), t0.plusSeconds(111)).fault()).isEqualTo(FaultCode.SENSOR_STUCK);
    }

    @Test
    void aZeroLimitNeverFlags() {
        StuckMonitor m = StuckMonitor.off();
        m.check("t", Sample.good(1), t0);
        assertThat(m.check("t", Sample.good(1), t0.plusSeconds(1_000_000)).good()).isTrue();
    }
}
