/**
 * The hardware-in-the-loop server: the satellite model served over TCP as JSON lines
 * ({@link io.sunsync.sim.hil.HilServer}), for flight's {@code remote} hal backend. The
 * protocol is documented in {@code docs/sim-harness.md}.
 */
package io.sunsync.sim.hil;
