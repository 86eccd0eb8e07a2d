package io.sunsync.ground.console.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Slows down password guessing: after {@value #FREE_FAILURES} failed logins for a user name, or
 * from an address, further tries are refused for a time that doubles with each failure (1 s, 2 s,
 * 4 s … up to 15 min), before the password is even looked at. A success clears the user's and the
 * address's count. Remembers at most {@code capacity} names and addresses (least recent go), so
 * guessing under many names cannot grow memory without bound. Time from the injected clock.
 *
 * <p>Thread safe.
 */
public final class LoginThrottle {
    /** Failures allowed before tries are slowed down. */
    public static final int FREE_FAILURES = 5;
    private static final Duration MAX_LOCK = Duration.ofMinutes(15);

    private final Clock clock;
    private final Map<String, Failures> failures;

    private static final class Failures {
        int count;
        Instant lockedUntil = Instant.MIN;
    }

    /** @param capacity the most names and addresses remembered */
    public LoginThrottle(Clock clock, int capacity) {
        this.clock = clock;
        this.failures = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Failures> eldest) {
                return size() > capacity;
            }
        };
    }

    /** How long {@code user} from {@code remote} must wait before trying again; zero if they may try now. */
    public synchronized Duration wait(String user, String remote) {
        Instant now = clock.instant();
        Instant until = max(lockedUntil("u:" + user), lockedUntil("a:" + remote));
        return until.isAfter(now) ? Duration.between(now, until) : Duration.ZERO;
    }

    /** A failed try. */
    public synchronized void failed(String user, String remote) {
        fail("u:" + user);
        fail("a:" + remote);
    }

    /** A successful login: the counts start over. */
    public synchronized void succeeded(String user, String remote) {
        failures.remove("u:" + user);
        failures.remove("a:" + remote);
    }

    private void fail(String key) {
        Failures f = failures.computeIfAbsent(key, k -> new Failures());
        f.count++;
        if (f.count >= FREE_FAILURES) {
            int over = Math.min(f.count - FREE_FAILURES, 20);
            Duration lock = Duration.ofSeconds(1L << over);
            f.lockedUntil = clock.instant().plus(lock.compareTo(MAX_LOCK) > 0 ? MAX_LOCK : lock);
        }
    }

    private Instant lockedUntil(String key) {
        Failures f = failures.get(key);
        return f == null ? Instant.MIN : f.lockedUntil;
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
