/**
 * Controllers the sim harness runs scenarios with ({@code sim run}): the
 * {@link io.sunsync.sim.control.SimController} interface (hal devices only, as flight sees
 * them), a rule-based {@link io.sunsync.sim.control.GreedyController}, a fixed-cap baseline,
 * and the lockstep {@link io.sunsync.sim.control.ScenarioRunner}. The flight throttler is
 * graded with the same truth record and oracle.
 */
package io.sunsync.sim.control;
