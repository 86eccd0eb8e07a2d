/**
 * The economy in watts and tonnes: what a satellite weighs and costs to launch
 * ({@link io.sunsync.sim.economy.MassBudget}), where the energy it collected went
 * ({@link io.sunsync.sim.economy.EnergyBalance}), what a run's work is per kWh, per kg and per $
 * ({@link io.sunsync.sim.economy.WattsAndTonnes}), what a year of a design yields
 * ({@link io.sunsync.sim.economy.AnnualYield}, the oracle's bound times the flight throttler's
 * {@link io.sunsync.sim.economy.MeasuredRatio}), a fleet launched at so many tonnes a year
 * ({@link io.sunsync.sim.economy.FleetProjection}) and a search for the design with the most work
 * per kg ({@link io.sunsync.sim.economy.DesignSearch}). The mass and cost model is the scenario's
 * {@code economy} section; docs/sim-harness.md gives every default its source.
 */
package io.sunsync.sim.economy;
