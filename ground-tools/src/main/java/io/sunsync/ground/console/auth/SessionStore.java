package io.sunsync.ground.console.auth;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The console's logged-in sessions, in memory: a random 256-bit session id (the HttpOnly
 * cookie's value) and a separate random CSRF token per session (sent by the page in a header
 * with every state-changing request). A session ends on logout, after {@code idle} without a
 * request, or {@code maxAge} after login, whichever comes first; at most {@code capacity}
 * sessions live at once (the least recently used goes). Time from the injected clock.
 *
 * <p>Thread safe.
 */
public final class SessionStore {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private final Clock clock;
    private final Duration idle;
    private final Duration maxAge;
    private final int capacity;
    private final Map<String, Entry> sessions = new ConcurrentHashMap<>();

    /**
     * A logged-in session.
     *
     * @param id        the session id (cookie value); a secret
     * @param csrfToken the CSRF token the page sends back; a secret
     * @param user      who logged in
     * @param role      what they may do
     * @param created   when they logged in
     * @param remote    the address they logged in from
     */
    public record Session(String id, String csrfToken, String user, Role role, Instant created, String remote) {
        public Session {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(csrfToken, "csrfToken");
        }

        @Override
        public String toString() {
            return "Session[" + user + ", " + role + ", since " + created + "]";
        }
    }

    private static final class Entry {
        final Session session;
        volatile Instant lastSeen;

        Entry(Session session, Instant lastSeen) {
            this.session = session;
            this.lastSeen = lastSeen;
        }
    }

    /**
     * @param idle     a session without a request for this long ends
     * @param maxAge   a session ends this long after login
     * @param capacity the most sessions at once
     */
    public SessionStore(Clock clock, Duration idle, Duration maxAge, int capacity) {
        if (idle.isNegative() || idle.isZero() || maxAge.compareTo(idle) < 0 || capacity < 1) {
            throw new IllegalArgumentException("need 0 < idle <= maxAge and capacity >= 1");
        }
        this.clock = clock;
        this.idle = idle;
        this.maxAge = maxAge;
        this.capacity = capacity;
    }

    /** Starts a session for {@code user}. */
    public Session create(UserAccount user, String remote) {
        Instant now = clock.instant();
        Session s = new Session(token(), token(), user.name(), user.role(), now, remote);
        synchronized (this) {
            sessions.values().removeIf(e -> expired(e, now));
            while (sessions.size() >= capacity) {
                sessions.values().stream().min(Comparator.comparing(e -> e.lastSeen))
                        .ifPresent(e -> sessions.remove(e.session.id()));
            }
            sessions.put(s.id(), new Entry(s, now));
        }
        return s;
    }

    /** The live session with id {@code id}, marked as used now; empty if none, expired or ended. */
    public Optional<Session> touch(String id) {
        Optional<Session> s = peek(id);
        s.ifPresent(x -> {
            Entry e = sessions.get(x.id());
            if (e != null) {
                e.lastSeen = clock.instant();
            }
        });
        return s;
    }

    /** The live session with id {@code id}, without marking it used (e.g. from a long-lived stream). */
    public Optional<Session> peek(String id) {
        if (id == null) {
            return Optional.empty();
        }
        Entry e = sessions.get(id);
        if (e == null) {
            return Optional.empty();
        }
        if (expired(e, clock.instant())) {
            sessions.remove(id);
            return Optional.empty();
        }
        return Optional.of(e.session);
    }

    /** Ends the session {@code id} (logout). */
    public void end(String id) {
        if (id != null) {
            sessions.remove(id);
        }
    }

    /** Live sessions now. */
    public int size() {
        return sessions.size();
    }

    /** True if {@code token} is {@code session}'s CSRF token (compared in constant time). */
    public static boolean csrfMatches(Session session, String token) {
        return token != null && MessageDigest.isEqual(session.csrfToken().getBytes(StandardCharsets.UTF_8),
                token.getBytes(StandardCharsets.UTF_8));
    }

    private boolean expired(Entry e, Instant now) {
        return now.isAfter(e.lastSeen.plus(idle)) || now.isAfter(e.session.created().plus(maxAge));
    }

    private static String token() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return B64.encodeToString(b);
    }
}
