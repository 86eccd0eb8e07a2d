/**
 * In-memory hal devices whose state the caller sets directly ({@link io.sunsync.sim.fake.FakeBoard},
 * {@link io.sunsync.sim.fake.FakeThermal}, {@link io.sunsync.sim.fake.FakePowerSystem}): no physics, no
 * clock, no I/O. Flight's unit tests drive
 * its logic through them, and the control-tick benchmark times flight's own cost on them. The
 * physics-backed devices are {@link io.sunsync.sim.SimAcceleratorBoard} and its siblings.
 */
package io.sunsync.sim.fake;
