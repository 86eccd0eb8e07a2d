package io.sunsync.ground.console.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.sunsync.ground.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-04T10:00:00Z"));

    @Test
    void afterFiveFailuresEachTryWaitsTwiceAsLong() {
        LoginThrottle t = new LoginThrottle(clock, 100);
        for (int i = 0; i < LoginThrottle.FREE_FAILURES - 1; i++) {
            t.failed("alice", "10.0.0.1");
            assertThat(t.wait("alice", "10.0.0.1")).isZero();
        }
        t.failed("alice", "10.0.0.1");
        assertThat(t.wait("alice", "10.0.0.1")).isEqualTo(Duration.ofSeconds(1));
        clock.advance(Duration.ofSeconds(1));
        t.failed("alice", "10.0.0.1");
        assertThat(t.wait("alice", "10.0.0.1")).isEqualTo(Duration.ofSeconds(2));
        assertThat(t.wait("alice", "10.0.0.9")).as("the user name is locked from anywhere").isEqualTo(Duration.ofSeconds(2));
        assertThat(t.wait("bob", "10.0.0.1")).as("so is the address, for any name").isEqualTo(Duration.ofSeconds(2));
        assertThat(t.wait("bob", "10.0.0.9")).isZero();
    }

    @Test
    void theWaitIsCappedAndASuccessClearsIt() {
        LoginThrottle t = new LoginThrottle(clock, 100);
        for (int i = 0; i < 40; i++) {
            t.failed("alice", "a");
        }
        assertThat(t.wait("alice", "a")).isEqualTo(Duration.ofMinutes(15));
        t.succeeded("alice", "a");
        assertThat(t.wait("alice", "a")).isZero();
    }

    @Test
    void guessingUnderManyNamesForgetsTheOldest() {
        LoginThrottle t = new LoginThrottle(clock, 4);
        for (int i = 0; i < 6; i++) {
            t.failed("alice", "a");
        }
        for (int i = 0; i < 10; i++) {
            t.failed("user" + i, "b" + i);
        }
        assertThat(t.wait("alice", "a")).as("forgotten: memory stays bounded").isZero();
    }
}
