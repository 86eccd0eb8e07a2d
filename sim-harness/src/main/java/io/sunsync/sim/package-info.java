/**
 * The sim harness: a deterministic physics model of a compute satellite stepped on virtual
 * time ({@link io.sunsync.sim.SimSatellite}), exposed through the hal interfaces by the
 * {@code sim} backend ({@link io.sunsync.sim.SimBackendProvider}).
 */
package io.sunsync.sim;
