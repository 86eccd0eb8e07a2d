/**
 * The truth record: what physically happened in a run ({@link io.sunsync.sim.truth.Truth},
 * {@link io.sunsync.sim.truth.TruthSample}), the limit violations the hardware suffered, found
 * as sign changes of switching functions ({@link io.sunsync.sim.truth.ViolationMonitor}), and
 * its JSON-lines file ({@link io.sunsync.sim.truth.TruthLog}). Records are immutable; the
 * monitor and the log are used on the satellite model's thread.
 */
package io.sunsync.sim.truth;
