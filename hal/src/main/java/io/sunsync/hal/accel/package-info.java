/**
 * The accelerator board capability: one {@link io.sunsync.hal.accel.AcceleratorBoard} per
 * board, with a settable power cap. Backends: {@code NvmlAcceleratorBoard} (NVIDIA GPUs through
 * NVML and JNA, {@code Nvml}), {@code NvidiaSmiAcceleratorBoard} (the fallback),
 * {@code JetsonAcceleratorBoard} (a Jetson module: INA3221 rails, {@code Nvpmodel} power modes), RAPL
 * ({@code PowercapBoard}); elsewhere {@code RemoteAcceleratorBoard} (a hardware-in-the-loop server's
 * board, in {@code hal.remote}) and {@code SimAcceleratorBoard} (in sim-harness). A backend that can
 * drive many boards to their safe state in one device operation offers a
 * {@link io.sunsync.hal.accel.SafeStateGroup} ({@code nvidia-smi}: one {@code -i 0,1,… -pl W} run).
 */
package io.sunsync.hal.accel;
