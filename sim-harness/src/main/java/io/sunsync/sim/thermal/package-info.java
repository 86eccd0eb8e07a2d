/**
 * Thermal models: radiators ({@link io.sunsync.sim.thermal.Radiator}, immutable) and the
 * lumped network of pumped loops ({@link io.sunsync.sim.thermal.ThermalNetwork}), owned and
 * stepped by the satellite model on its thread.
 */
package io.sunsync.sim.thermal;
