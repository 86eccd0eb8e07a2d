package io.sunsync.flight.lifecycle;

import java.util.Objects;
import java.util.Optional;

/**
 * The base of every {@link Lifecycle}: enforces the legal transitions, records the failure cause
 * and derives the health from the state. A subclass implements {@link #doStart()} and
 * {@link #doStop()} and may refine {@link #checkHealth()}.
 *
 * <p>Contracts for subclasses: {@code doStart()} either completes or throws having undone what it
 * did (so that a later {@code start()} may try again); {@code doStop()} releases whatever the
 * component holds, whether or not {@code doStart()} ran or succeeded (a component stopped before it
 * started still releases what its constructor took), and runs at most once. Only a
 * {@link RuntimeException} is a component failure; an {@link Error} propagates untouched.
 *
 * <p>Threading: {@link #start()} and {@link #stop()} are serialised on a private lock and run
 * {@code doStart()}/{@code doStop()} under it, so one waits for the other; the state, health and
 * failure are readable from any thread without it.
 */
public abstract class AbstractLifecycle implements Lifecycle {
    private final Object transitions = new Object();
    private volatile State state = State.NEW;
    private volatile Throwable failure;
    /** Guarded by {@link #transitions}: the last failure was a start's (the start may be tried again). */
    private boolean startFailed;

    /** Acquires what the component needs; throws having undone it on failure. */
    protected abstract void doStart();

    /** Releases what the component holds (also when never started); runs at most once. */
    protected abstract void doStop();

    /**
     * The health of a running component (called only in {@code RUNNING}); healthy by default.
     * Must not block or throw.
     */
    protected Health checkHealth() {
        return Health.healthy("running");
    }

    /** The component's name in messages (the class's simple name unless overridden). */
    protected String describe() {
        return getClass().getSimpleName();
    }

    /**
     * {@code NEW} or a failed start → {@code STARTING} → {@code RUNNING}, or {@code FAILED} with
     * the cause rethrown.
     *
     * @throws IllegalStateException in any other state: started twice, after stop, or after a
     *                               failed stop
     */
    @Override
    public final void start() {
        synchronized (transitions) {
            State s = state;
            if (!(s == State.NEW || s == State.FAILED && startFailed)) {
                throw new IllegalStateException(describe() + ": start() in state " + s + switch (s) {
                    case RUNNING -> " (a component is started once)";
                    case TERMINATED -> " (a stopped component is not started again)";
                    default -> "";
                });
            }
            state = State.STARTING;
            try {
                doStart();
            } catch (RuntimeException e) {
                failed(e, true);
                throw e;
            }
            startFailed = false;
            state = State.RUNNING;
        }
    }

    /**
     * {@code NEW}, {@code RUNNING} or a failed start → {@code STOPPING} → {@code TERMINATED}, or
     * {@code FAILED} with the cause rethrown; a no-op when already {@code TERMINATED} or after a
     * failed stop.
     */
    @Override
    public final void stop() {
        synchronized (transitions) {
            State s = state;
            if (s == State.TERMINATED || s == State.FAILED && !startFailed) {
                return;
            }
            state = State.STOPPING;
            try {
                doStop();
            } catch (RuntimeException e) {
                failed(e, false);
                throw e;
            }
            state = State.TERMINATED;
        }
    }

    private void failed(RuntimeException e, boolean inStart) {
        failure = e;
        startFailed = inStart;
        state = State.FAILED;
    }

    @Override
    public final State state() {
        return state;
    }

    @Override
    public final Optional<Throwable> failure() {
        return Optional.ofNullable(failure);
    }

    @Override
    public final Health health() {
        State s = state;
        return switch (s) {
            case RUNNING -> runningHealth();
            case FAILED -> Health.unhealthy("failed: " + failure);
            case NEW -> Health.unhealthy("not started");
            case STARTING -> Health.unhealthy("starting");
            case STOPPING -> Health.unhealthy("stopping");
            case TERMINATED -> Health.unhealthy("stopped");
        };
    }

    private Health runningHealth() {
        try {
            return Objects.requireNonNull(checkHealth(), "checkHealth() returned null");
        } catch (RuntimeException e) {
            return Health.unhealthy("health check failed: " + e);
        }
    }

    @Override
    public String toString() {
        return describe() + "[" + state + "]";
    }

    /**
     * A lifecycle made of two actions, for a part of the composition root that is not a class of
     * its own (publishing the dictionary, applying the safe state at shutdown).
     *
     * @param name  the component's name in messages
     * @param start what {@code doStart()} does (must undo itself if it throws)
     * @param stop  what {@code doStop()} does (also when never started)
     */
    public static Lifecycle of(String name, Runnable start, Runnable stop) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(stop, "stop");
        return new AbstractLifecycle() {
            @Override
            protected void doStart() {
                start.run();
            }

            @Override
            protected void doStop() {
                stop.run();
            }

            @Override
            protected String describe() {
                return name;
            }
        };
    }
}
