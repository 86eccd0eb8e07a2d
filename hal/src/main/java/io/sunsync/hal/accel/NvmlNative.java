package io.sunsync.hal.accel;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;

/**
 * The entry points of {@code libnvidia-ml.so.1} the nvml backend calls, bound by JNA direct
 * mapping (static natives: about 0.2 µs of overhead a call, against 2-5 µs through a JNA
 * interface). Signatures from nvml.h: every {@code nvmlReturn_t} is an {@code int}; an
 * {@code unsigned int *} or {@code unsigned long long *} out-parameter is a one-element
 * {@code int[]}/{@code long[]} (read as unsigned); {@code nvmlDevice_t} is a {@link Pointer}.
 * Functions some drivers lack ({@code nvmlDeviceGetCurrentClocksEventReasons}, before R535) are
 * not here: {@link Nvml} looks them up by name.
 *
 * <p>Direct mapping binds the class to one library: {@link #bind} (re)binds it. One NVML library
 * per process in flight; tests that load another fake re-bind. Thread safety: NVML's (thread safe).
 */
final class NvmlNative {
    private static NativeLibrary bound;

    private NvmlNative() {
    }

    /**
     * Binds the natives to {@code lib} unless they already are.
     *
     * @return true when they were bound to another library before (its sessions are now void)
     * @throws UnsatisfiedLinkError when the library lacks one of these functions (too old a driver)
     */
    static synchronized boolean bind(NativeLibrary lib) {
        if (bound == lib) {
            return false;
        }
        boolean rebound = bound != null;
        if (rebound) {
            Native.unregister(NvmlNative.class);
            bound = null;
        }
        Native.register(NvmlNative.class, lib);
        bound = lib;
        return rebound;
    }

    static native int nvmlInit_v2();

    static native int nvmlShutdown();

    static native String nvmlErrorString(int result);

    static native int nvmlSystemGetDriverVersion(byte[] version, int length);

    static native int nvmlSystemGetNVMLVersion(byte[] version, int length);

    static native int nvmlDeviceGetCount_v2(int[] deviceCount);

    static native int nvmlDeviceGetHandleByIndex_v2(int index, PointerByReference device);

    static native int nvmlDeviceGetHandleByUUID(String uuid, PointerByReference device);

    static native int nvmlDeviceGetIndex(Pointer device, int[] index);

    static native int nvmlDeviceGetName(Pointer device, byte[] name, int length);

    static native int nvmlDeviceGetUUID(Pointer device, byte[] uuid, int length);

    /** mW. */
    static native int nvmlDeviceGetPowerUsage(Pointer device, int[] power);

    /** mW. */
    static native int nvmlDeviceGetPowerManagementLimit(Pointer device, int[] limit);

    /** mW. */
    static native int nvmlDeviceGetEnforcedPowerLimit(Pointer device, int[] limit);

    /** mW. */
    static native int nvmlDeviceGetPowerManagementLimitConstraints(Pointer device, int[] minLimit, int[] maxLimit);

    /** mW. */
    static native int nvmlDeviceGetPowerManagementDefaultLimit(Pointer device, int[] defaultLimit);

    /** mW; root only. */
    static native int nvmlDeviceSetPowerManagementLimit(Pointer device, int limit);

    /** °C; {@code sensorType} 0 = NVML_TEMPERATURE_GPU. */
    static native int nvmlDeviceGetTemperature(Pointer device, int sensorType, int[] temp);

    /** °C; {@code thresholdType} 0 = SHUTDOWN, 1 = SLOWDOWN. */
    static native int nvmlDeviceGetTemperatureThreshold(Pointer device, int thresholdType, int[] temp);

    /** {@code nvmlUtilization_t} is {@code {unsigned int gpu; unsigned int memory;}}: two ints, in %. */
    static native int nvmlDeviceGetUtilizationRates(Pointer device, int[] utilization);

    /** {@code errorType} 1 = UNCORRECTED; {@code counterType} 0 = VOLATILE. */
    static native int nvmlDeviceGetTotalEccErrors(Pointer device, int errorType, int counterType, long[] eccCounts);
}
