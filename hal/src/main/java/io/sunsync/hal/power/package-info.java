/**
 * The electrical power capability: solar array, battery and bus, read as one
 * {@link io.sunsync.hal.power.PowerReading}. Backends: {@code SysfsPowerSystem} (Linux
 * {@code power_supply} and {@code hwmon}), {@code SimPowerSystem} (in sim-harness).
 */
package io.sunsync.hal.power;
