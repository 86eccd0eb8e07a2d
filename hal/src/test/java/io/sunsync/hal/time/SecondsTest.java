package io.sunsync.hal.time;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SecondsTest {
    @Test
    void fractionalSecondsBecomeTheNearestNanosecond() {
        assertThat(Seconds.of(1.5)).isEqualTo(Duration.ofMillis(1500));
        assertThat(Seconds.of(0.1)).isEqualTo(Duration.ofNanos(100_000_000));
        assertThat(Seconds.of(2e-9 / 3)).isEqualTo(Duration.ofNanos(1));
        assertThat(Seconds.of(-0.25)).isEqualTo(Duration.ofMillis(-250));
    }
}
