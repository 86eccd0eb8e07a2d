package io.sunsync.flight.lifecycle;

import java.util.Objects;
import java.util.Optional;

/**
 * The one lifecycle of every long-running flight component (Yamcs services, Guava's
 * {@code Service}): started once by the composition root in its declared order, stopped in
 * reverse, with a {@link State} and a {@link Health} that anyone may read.
 *
 * <pre>
 *   NEW ──start──► STARTING ──► RUNNING ──stop──► STOPPING ──► TERMINATED
 *    │                 │                              │
 *    │                 └──(start threw)──► FAILED ◄───┘(stop threw)
 *    └──stop──► STOPPING ──► TERMINATED        FAILED (start threw) ──start──► STARTING (a retry)
 * </pre>
 *
 * <p>The rules, enforced by {@link AbstractLifecycle}: {@link #start()} is legal from
 * {@code NEW}, and from {@code FAILED} when it was the start that failed (a failed start undoes
 * itself, so it may be tried again); anywhere else it throws {@link IllegalStateException}
 * (started twice, started after stop). {@link #stop()} is idempotent: from {@code NEW} (never
 * started), {@code RUNNING} or a failed start it releases what the component holds and ends in
 * {@code TERMINATED}; from {@code TERMINATED}, or after a failed stop, it does nothing. A start or
 * stop that throws leaves the component {@code FAILED} with the cause recorded ({@link #failure()})
 * and rethrows it.
 *
 * <p>Threading: {@link #start()} and {@link #stop()} may be called from any thread and are
 * serialised per component; {@link #state()}, {@link #health()} and {@link #failure()} may be read
 * from any thread at any time.
 */
public interface Lifecycle {

    /** Acquires resources and starts threads; returns once the component can be used. */
    void start();

    /** Releases resources; idempotent. */
    void stop();

    /** Where the component is in its lifecycle now. */
    State state();

    /** Whether the component is doing its job now, and if not why. */
    Health health();

    /** Why the component last failed to start or stop (kept after a later stop), or empty. */
    Optional<Throwable> failure();

    /** The states of a component's lifecycle, in the order a healthy one passes them. */
    enum State {
        /** Built, not started. */
        NEW,
        /** {@link #start()} is running. */
        STARTING,
        /** Started: the component is in use. */
        RUNNING,
        /** {@link #stop()} is running. */
        STOPPING,
        /** Stopped for good (a stopped component is never started again). */
        TERMINATED,
        /** Its start or its stop threw; {@link #failure()} says why. */
        FAILED
    }

    /**
     * A component's health check: healthy or not, with the reason.
     *
     * @param healthy true while the component does its job
     * @param reason  why not, or what it is doing (never null)
     */
    record Health(boolean healthy, String reason) {
        public Health {
            Objects.requireNonNull(reason, "reason");
        }

        /** Healthy, with what the component is doing. */
        public static Health healthy(String reason) {
            return new Health(true, reason);
        }

        /** Not healthy, with why. */
        public static Health unhealthy(String reason) {
            return new Health(false, reason);
        }
    }
}
