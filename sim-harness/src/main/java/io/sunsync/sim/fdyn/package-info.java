/**
 * The ground's flight dynamics for a simulated satellite: what an operations team would produce
 * from the truth orbit and uplink. {@link io.sunsync.sim.fdyn.FlightDynamics} fits two-line
 * elements to the truth over hours of positions (Orekit's least-squares propagator conversion,
 * SGP4 with B*), writes them as a TLE and a CCSDS OMM ({@link io.sunsync.sim.fdyn.FittedElements}),
 * ages them (elements of an earlier epoch), and publishes the eclipse ephemeris the ground would
 * predict, optionally shifted. All types are immutable or thread safe.
 */
package io.sunsync.sim.fdyn;
