/**
 * Fault injection: scripted and seeded random faults ({@link io.sunsync.sim.fault.FaultInjector}),
 * the radiation environment that shapes upset rates along the orbit
 * ({@link io.sunsync.sim.fault.RadiationEnvironment}), sensor faults seen through the device
 * views ({@link io.sunsync.sim.fault.SensorFaults}) and link outage windows. Owned by the
 * satellite model and used on its thread.
 */
package io.sunsync.sim.fault;
