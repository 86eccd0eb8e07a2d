/**
 * The thermal control capability: zone temperatures, pumped radiator loops and heaters.
 * Backends: {@code SysfsThermalControl} (Linux {@code thermal_zone}, {@code hwmon}),
 * {@code SimThermalControl} (in sim-harness).
 */
package io.sunsync.hal.thermal;
