/**
 * Flight's control chain flown as a controller of the simulation
 * ({@link io.sunsync.bench.closedloop.FlightController}), with the eclipse ephemeris the ground
 * would uplink ({@link io.sunsync.bench.closedloop.GroundEphemeris}): what the throttler benchmarks,
 * the fault soak and the closed-loop tests fly. One simulation thread drives it.
 */
package io.sunsync.bench.closedloop;
