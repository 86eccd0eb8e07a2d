package io.sunsync.hal.time;

import java.time.Instant;

/**
 * The flight software's only source of time. The scheduler asks {@link #now()} and waits with
 * {@link #awaitUntil(Instant)}: on a real board that sleeps; in simulation it steps the physics
 * model up to the requested instant, so the same flight code runs in real or virtual time.
 *
 * <p>Threading: {@link #now()} may be called from any thread; {@link #awaitUntil(Instant)} is
 * called by the scheduler thread only.
 */
public interface TimeSource {

    /** The current mission time. */
    Instant now();

    /**
     * Returns once mission time has reached {@code instant} (immediately if it already has).
     *
     * @throws InterruptedException if the waiting thread is interrupted
     */
    void awaitUntil(Instant instant) throws InterruptedException;

    /** True when time is simulated (runs as fast as the model allows, or at a set speed-up). */
    default boolean isVirtual() {
        return false;
    }
}
