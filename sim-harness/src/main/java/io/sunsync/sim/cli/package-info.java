/**
 * The {@code sunsync sim} command line (picocli): {@code orbit} for mission design,
 * {@code run} to run a scenario with a built-in controller against the oracle, {@code hil} to
 * serve the model to hardware-in-the-loop rigs, {@code bench} for the speed benchmark.
 */
package io.sunsync.sim.cli;
