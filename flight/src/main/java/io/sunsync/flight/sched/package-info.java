/**
 * Rate groups, as in F Prime: components implementing {@link io.sunsync.flight.sched.Scheduled}
 * are called in a fixed order at a fixed period on the injected
 * {@link io.sunsync.hal.time.TimeSource}; overruns and component failures are counted, never
 * allowed to stop the loop.
 */
package io.sunsync.flight.sched;
