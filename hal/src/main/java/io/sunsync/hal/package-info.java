/**
 * The hardware abstraction layer: one small capability interface per kind of hardware
 * ({@link io.sunsync.hal.power.PowerSystem}, {@link io.sunsync.hal.thermal.ThermalControl},
 * {@link io.sunsync.hal.accel.AcceleratorBoard}), immutable reading records with units in
 * their names, and the typed faults ({@link io.sunsync.hal.FaultCode}) that a bad reading or
 * a failed command becomes. Each capability declares its {@link io.sunsync.hal.SafeState} (what
 * flight drives it to when it stops and when it enters safe mode) and applies it through its own
 * verified commands, so every backend honours it. Backends are chosen from the satellite's config file by
 * {@link io.sunsync.hal.config.HardwareAssembly}; this package knows nothing of jobs, MQTT or
 * simulation.
 */
package io.sunsync.hal;
