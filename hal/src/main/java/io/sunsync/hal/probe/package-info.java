/**
 * {@code ./sunsync hal probe}: what the Linux backends find on the machine it runs on (power
 * supplies, hwmon chips, thermal zones with their trip points, cooling devices, RAPL zones,
 * cpufreq policies, NVIDIA GPUs), with values and units, as a table or JSON, for a flight
 * engineer bringing up a new board. It reads with the same code the backends use
 * ({@code hal.sysfs}, {@code hal.power}, {@code hal.thermal}, {@code hal.accel}) and writes
 * nothing.
 */
package io.sunsync.hal.probe;
