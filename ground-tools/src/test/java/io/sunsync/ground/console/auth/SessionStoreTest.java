package io.sunsync.ground.console.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.sunsync.ground.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SessionStoreTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-04T10:00:00Z"));
    private final UserAccount alice = new UserAccount("alice", "$2a$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW",
            Role.OPERATOR);

    @Test
    void aSessionEndsAfterItsIdleTimeButUseKeepsItAlive() {
        SessionStore s = new SessionStore(clock, Duration.ofMinutes(30), Duration.ofHours(12), 10);
        SessionStore.Session a = s.create(alice, "127.0.0.1");

        clock.advance(Duration.ofMinutes(29));
        assertThat(s.touch(a.id())).isPresent();
        clock.advance(Duration.ofMinutes(29));
        assertThat(s.touch(a.id())).as("used 29 min ago").isPresent();
        clock.advance(Duration.ofMinutes(31));
        assertThat(s.touch(a.id())).as("idle 31 min").isEmpty();
        assertThat(s.size()).isZero();
    }

    @Test
    void aSessionEndsAtItsMaximumAgeHoweverMuchItIsUsed() {
        SessionStore s = new SessionStore(clock, Duration.ofMinutes(30), Duration.ofHours(1), 10);
        SessionStore.Session a = s.create(alice, "127.0.0.1");
        for (int i = 0; i < 3; i++) {
            clock.advance(Duration.ofMinutes(20));
            assertThat(s.touch(a.id())).isPresent();
        }
        clock.advance(Duration.ofMinutes(1));
        assertThat(s.touch(a.id())).isEmpty();
    }

    @Test
    void logoutEndsItAndPeekingDoesNotKeepItAlive() {
        SessionStore s = new SessionStore(clock, Duration.ofMinutes(30), Duration.ofHours(12), 10);
        SessionStore.Session a = s.create(alice, "127.0.0.1");
        SessionStore.Session b = s.create(alice, "127.0.0.2");
        clock.advance(Duration.ofMinutes(20));
        assertThat(s.peek(a.id())).isPresent();
        clock.advance(Duration.ofMinutes(11));
        assertThat(s.peek(a.id())).as("peeking does not count as use").isEmpty();

        s.end(b.id());
        assertThat(s.touch(b.id())).isEmpty();
        assertThat(s.touch(null)).isEmpty();
        assertThat(s.touch("forged")).isEmpty();
    }

    @Test
    void theLeastRecentlyUsedSessionGivesWayWhenFull() {
        SessionStore s = new SessionStore(clock, Duration.ofMinutes(30), Duration.ofHours(12), 2);
        SessionStore.Session a = s.create(alice, "a");
        clock.advance(Duration.ofSeconds(1));
        SessionStore.Session b = s.create(alice, "b");
        clock.advance(Duration.ofSeconds(1));
        s.touch(a.id());
        clock.advance(Duration.ofSeconds(1));
        SessionStore.Session c = s.create(alice, "c");

        assertThat(s.size()).isEqualTo(2);
        assertThat(s.peek(a.id())).isPresent();
        assertThat(s.peek(b.id())).isEmpty();
        assertThat(s.peek(c.id())).isPresent();
    }

    @Test
    void tokensAreRandomAndTheCsrfTokenIsCheckedExactly() {
        SessionStore s = new SessionStore(clock, Duration.ofMinutes(30), Duration.ofHours(12), 10);
        SessionStore.Session a = s.create(alice, "a");
        SessionStore.Session b = s.create(alice, "a");

        assertThat(a.id()).hasSize(43).isNotEqualTo(b.id()).isNotEqualTo(a.csrfToken());
        assertThat(SessionStore.csrfMatches(a, a.csrfToken())).isTrue();
        assertThat(SessionStore.csrfMatches(a, b.csrfToken())).isFalse();
        assertThat(SessionStore.csrfMatches(a, null)).isFalse();
        assertThat(a.toString()).doesNotContain(a.id()).doesNotContain(a.csrfToken());
    }
}
