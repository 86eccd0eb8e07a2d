package io.sunsync.flight.sched;

/**
 * The one lifecycle of every long-running flight component: started once by the composition
 * root in dependency order, stopped in reverse order.
 */
public interface Lifecycle {

    /** Acquires resources and starts threads; returns once the component can be used. */
    void start();

    /** Releases resources; idempotent. */
    void stop();
}
