/**
 * The service-loaded providers of the Linux backends: {@code sysfs} (power system and thermal
 * control from {@code /sys/class/power_supply}, {@code hwmon} and {@code thermal}),
 * {@code powercap} (CPU packages as boards capped through RAPL) and {@code nvidia-smi} (NVIDIA
 * GPUs). Each reads its device's {@code options} into a validated options record and builds the
 * backend beside its capability interface ({@code hal.power}, {@code hal.thermal},
 * {@code hal.accel}). Listed in {@code META-INF/services/io.sunsync.hal.config.BackendProvider}.
 */
package io.sunsync.hal.linux;
