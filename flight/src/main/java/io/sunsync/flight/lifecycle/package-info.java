/**
 * The lifecycle of long-running flight components (Yamcs services, Guava's {@code Service}):
 * {@link io.sunsync.flight.lifecycle.Lifecycle} with its states and health check,
 * {@link io.sunsync.flight.lifecycle.AbstractLifecycle} enforcing the legal transitions, and
 * {@link io.sunsync.flight.lifecycle.ComponentGroup}, the composition root's one declared start
 * order (stop is its reverse; a required component that fails stops the rest, a retried one is
 * started again later).
 */
package io.sunsync.flight.lifecycle;
