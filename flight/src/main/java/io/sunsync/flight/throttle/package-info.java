/**
 * The power-aware throttler: each control tick turns readings into a power budget for the
 * accelerator boards ({@link io.sunsync.flight.throttle.BudgetPlanner}, using the eclipse
 * forecast of {@link io.sunsync.flight.throttle.EclipseForecaster}), a thermal limit per board
 * ({@link io.sunsync.flight.throttle.ThermalGovernor}), and per-board caps that maximise
 * priority-weighted throughput ({@link io.sunsync.flight.throttle.Allocator}), applied with
 * hysteresis by {@link io.sunsync.flight.throttle.Throttler}. See {@code docs/throttler.md}.
 */
package io.sunsync.flight.throttle;
