/**
 * A simulated fleet for ground-segment tests and benchmarks: many satellites' ICD-valid
 * housekeeping frames ({@link io.sunsync.ground.fleet.sim.SimulatedHousekeeping}) published from
 * one process at a chosen rate, with the outbox's stream and sequence-number user properties, as
 * flight sends them ({@link io.sunsync.ground.fleet.sim.FleetPublisher}; {@code sunsync ground
 * fleet simulate}). No flight JVM per satellite: what the ground sees on the wire is the same.
 */
package io.sunsync.ground.fleet.sim;
