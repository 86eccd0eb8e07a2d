/**
 * Electrical power models: the solar array ({@link io.sunsync.sim.power.SolarArray}, an
 * immutable model) and the battery and bus state with their energy flows
 * ({@link io.sunsync.sim.power.ElectricalPowerSystem}, owned and stepped by the satellite
 * model on its thread), with energy totals that close ({@link io.sunsync.sim.power.EnergyTotals}).
 */
package io.sunsync.sim.power;
