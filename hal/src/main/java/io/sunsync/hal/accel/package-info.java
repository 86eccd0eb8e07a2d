/**
 * The accelerator board capability: one {@link io.sunsync.hal.accel.AcceleratorBoard} per
 * board, with a settable power cap. Backends: {@code NvmlAcceleratorBoard} (NVIDIA GPUs through
 * NVML and JNA, {@code Nvml}), {@code NvidiaSmiAcceleratorBoard} (the fallback),
 * {@code JetsonAcceleratorBoard} (a Jetson module: INA3221 rails, {@code Nvpmodel} power modes), RAPL
 * ({@code PowercapBoard}); elsewhere {@code RemoteAcceleratorBoard} (a hardware-in-the-loop server's
 * board, in {@code hal.remote}) and {@code SimAcceleratorBoard} (in sim-harness).
 */
package io.sunsync.hal.accel;
