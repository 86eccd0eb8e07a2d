/**
 * Shared plumbing of the Linux backends, one definition of each thing: reading and writing
 * sysfs attributes without ever throwing ({@link io.sunsync.hal.sysfs.SysfsTree}), converting
 * kernel units to the records' units with physical bounds ({@link io.sunsync.hal.sysfs.Quantity},
 * {@link io.sunsync.hal.sysfs.Sample}), collecting the faults of one reading
 * ({@link io.sunsync.hal.sysfs.ReadingFaults}), stuck-value detection
 * ({@link io.sunsync.hal.sysfs.StuckMonitor}), references to sensors and actuators in config
 * files ({@link io.sunsync.hal.sysfs.SysfsRef}), hwmon chips, on/off actuators verified by
 * reading back ({@link io.sunsync.hal.sysfs.SysfsSwitch}) and running a tool such as
 * {@code nvidia-smi} with a time limit ({@link io.sunsync.hal.sysfs.ExternalCommand}).
 *
 * <p>Kernel references: Documentation/ABI/testing/sysfs-class-power,
 * Documentation/ABI/testing/sysfs-class-hwmon (hwmon/sysfs-interface),
 * Documentation/driver-api/thermal/sysfs-api.rst, Documentation/power/powercap/powercap.rst,
 * Documentation/admin-guide/pm/cpufreq.rst.
 */
package io.sunsync.hal.sysfs;
