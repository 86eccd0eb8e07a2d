package io.sunsync.hal.accel;

import com.sun.jna.Function;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntSupplier;

/**
 * NVML ({@code libnvidia-ml.so.1}) through JNA direct mapping ({@link NvmlNative}), shared by every
 * board of one backend: loaded and initialised once ({@code nvmlInit_v2}), then one call per
 * quantity. Every call returns its {@link NvmlReturn} with the value; nothing throws: a library
 * that cannot be loaded is {@link NvmlReturn#LIBRARY_NOT_FOUND}, one that lacks a required function
 * (too old a driver) {@link NvmlReturn#FUNCTION_NOT_FOUND}, an unexpected error inside JNA
 * {@link NvmlReturn#UNKNOWN}. Units as NVML gives them: mW, °C, %. 64-bit Linux.
 *
 * <p>One NVML library per process: opening another one re-binds the natives, and sessions of the
 * one before answer {@link NvmlReturn#UNINITIALIZED} from then on.
 *
 * <p>Threading: NVML is thread safe and this class keeps no mutable state besides the
 * throttle-reasons fallback flag (volatile): any thread may call anything.
 */
public final class Nvml {
    private static final int TEXT_BUFFER = 96; // NVML_DEVICE_NAME_V2_BUFFER_SIZE, NVML_DEVICE_UUID_V2_BUFFER_SIZE
    private static final AtomicLong BINDING = new AtomicLong();
    private final String library;
    private final long binding;
    private final Function eventReasons;
    private final Function throttleReasons;
    private volatile boolean legacyReasons;

    private Nvml(String library, long binding, Function eventReasons, Function throttleReasons) {
        this.library = library;
        this.binding = binding;
        this.eventReasons = eventReasons;
        this.throttleReasons = throttleReasons;
        this.legacyReasons = eventReasons == null;
    }

    /**
     * What {@link #open} gave: the session when NVML initialised, else why not.
     *
     * @param nvml   the session, or null when {@code status} is not success
     * @param status {@link NvmlReturn#LIBRARY_NOT_FOUND} when the library would not load, else what
     *               {@code nvmlInit_v2} returned
     * @param detail a line for operators ({@code ""} on success)
     */
    public record Opened(Nvml nvml, NvmlReturn status, String detail) {
        /** True when NVML is ready. */
        public boolean ok() {
            return nvml != null;
        }
    }

    /** An integer an NVML call gave ({@code value} is 0 unless {@code status} is success). */
    public record Value(long value, NvmlReturn status) {
        /** True when the call worked. */
        public boolean ok() {
            return status.ok();
        }
    }

    /** A text an NVML call gave ({@code ""} unless {@code status} is success). */
    public record Text(String value, NvmlReturn status) {
    }

    /** A power-limit range, in mW. */
    public record Range(long minMw, long maxMw, NvmlReturn status) {
    }

    /** One GPU's handle ({@code nvmlDevice_t}); valid while NVML stays initialised. */
    public static final class Device {
        private final Pointer handle;

        private Device(Pointer handle) {
            this.handle = handle;
        }
    }

    /** A device lookup: the device, or why not. */
    public record Lookup(Device device, NvmlReturn status) {
        /** True when the device was found. */
        public boolean ok() {
            return device != null;
        }
    }

    /**
     * Loads {@code library} (a file name found by the dynamic loader, e.g. {@code libnvidia-ml.so.1},
     * or a path; a relative path is taken from the working folder) and initialises NVML. Never throws.
     */
    public static Opened open(String library) {
        Objects.requireNonNull(library, "library");
        if (Native.POINTER_SIZE != 8) {
            return new Opened(null, NvmlReturn.LIBRARY_NOT_FOUND, "the nvml backend needs a 64-bit JVM");
        }
        String file = library.contains("/") ? Path.of(library).toAbsolutePath().normalize().toString() : library;
        NativeLibrary lib;
        long binding;
        synchronized (Nvml.class) {
            try {
                lib = NativeLibrary.getInstance(file);
            } catch (UnsatisfiedLinkError | RuntimeException e) {
                return new Opened(null, NvmlReturn.LIBRARY_NOT_FOUND, "cannot load " + library + ": " + firstLine(e));
            }
            try {
                binding = NvmlNative.bind(lib) ? BINDING.incrementAndGet() : BINDING.get();
            } catch (UnsatisfiedLinkError e) {
                BINDING.incrementAndGet(); // the natives are bound to nothing now
                return new Opened(null, NvmlReturn.FUNCTION_NOT_FOUND, library + " lacks a function the nvml backend "
                        + "needs (a driver too old?): " + firstLine(e));
            }
        }
        Nvml nvml = new Nvml(library, binding, optional(lib, "nvmlDeviceGetCurrentClocksEventReasons"),
                optional(lib, "nvmlDeviceGetCurrentClocksThrottleReasons"));
        NvmlReturn r = nvml.call(NvmlNative::nvmlInit_v2);
        if (!r.ok()) {
            return new Opened(null, r, "nvmlInit_v2 returned " + nvml.describe(r));
        }
        return new Opened(nvml, r, "");
    }

    private static Function optional(NativeLibrary lib, String name) {
        try {
            return lib.getFunction(name);
        } catch (UnsatisfiedLinkError e) {
            return null;
        }
    }

    /** The library as configured. */
    public String library() {
        return library;
    }

    /** {@code nvmlShutdown}: call once per successful {@link #open}. */
    public NvmlReturn shutdown() {
        return call(NvmlNative::nvmlShutdown);
    }

    /** The constant and NVML's own words for {@code r}, e.g. {@code NVML_ERROR_GPU_IS_LOST (GPU is lost)}. */
    public String describe(NvmlReturn r) {
        String text;
        try {
            text = current() ? NvmlNative.nvmlErrorString(r == NvmlReturn.UNRECOGNIZED ? NvmlReturn.UNKNOWN.code() : r.code())
                    : null;
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            text = null;
        }
        return text == null || text.isBlank() ? r.cName() : r.cName() + " (" + text + ")";
    }

    /** The driver version, e.g. {@code 580.65.06}. */
    public Text driverVersion() {
        return text(b -> NvmlNative.nvmlSystemGetDriverVersion(b, b.length));
    }

    /** NVML's version, e.g. {@code 12.580.65.06}. */
    public Text nvmlVersion() {
        return text(b -> NvmlNative.nvmlSystemGetNVMLVersion(b, b.length));
    }

    /** GPUs NVML sees. */
    public Value count() {
        int[] n = new int[1];
        return unsigned(call(() -> NvmlNative.nvmlDeviceGetCount_v2(n)), n);
    }

    /** The GPU at {@code index} (NVML's order: PCI bus order, not CUDA's). */
    public Lookup byIndex(int index) {
        PointerByReference p = new PointerByReference();
        NvmlReturn r = call(() -> NvmlNative.nvmlDeviceGetHandleByIndex_v2(index, p));
        return r.ok() ? new Lookup(new Device(p.getValue()), r) : new Lookup(null, r);
    }

    /** The GPU with {@code uuid} (e.g. {@code GPU-5c0b...}). */
    public Lookup byUuid(String uuid) {
        PointerByReference p = new PointerByReference();
        NvmlReturn r = call(() -> NvmlNative.nvmlDeviceGetHandleByUUID(uuid, p));
        return r.ok() ? new Lookup(new Device(p.getValue()), r) : new Lookup(null, r);
    }

    /** The GPU's NVML index. */
    public Value index(Device d) {
        int[] v = new int[1];
        return unsigned(call(() -> NvmlNative.nvmlDeviceGetIndex(d.handle, v)), v);
    }

    /** The product name. */
    public Text name(Device d) {
        return text(b -> NvmlNative.nvmlDeviceGetName(d.handle, b, b.length));
    }

    /** The UUID. */
    public Text uuid(Device d) {
        return text(b -> NvmlNative.nvmlDeviceGetUUID(d.handle, b, b.length));
    }

    /** Power drawn now, in mW. */
    public Value powerMw(Device d) {
        int[] v = new int[1];
        return unsigned(call(() -> NvmlNative.nvmlDeviceGetPowerUsage(d.handle, v)), v);
    }

    /** The power management limit (what a set changes), in mW. */
    public Value managementLimitMw(Device d) {
        int[] v = new int[1];
        return unsigned(call(() -> NvmlNative.nvmlDeviceGetPowerManagementLimit(d.handle, v)), v);
    }

    /** The limit enforced now (the lowest of all limiters), in mW. */
    public Value enforcedLimitMw(Device d) {
        int[] v = new int[1];
        return unsigned(call(() -> NvmlNative.nvmlDeviceGetEnforcedPowerLimit(d.handle, v)), v);
    }

    /** The default limit, in mW. */
    public Value defaultLimitMw(Device d) {
        int[] v = new int[1];
        return unsigned(call(() -> NvmlNative.nvmlDeviceGetPowerManagementDefaultLimit(d.handle, v)), v);
    }

    /** The range a limit may be set in, in mW. */
    public Range limitRangeMw(Device d) {
        int[] min = new int[1];
        int[] max = new int[1];
        NvmlReturn r = call(() -> NvmlNative.nvmlDeviceGetPowerManagementLimitConstraints(d.handle, min, max));
        return r.ok() ? new Range(Integer.toUnsignedLong(min[0]), Integer.toUnsignedLong(max[0]), r) : new Range(0, 0, r);
    }

    /** Sets the power management limit, in mW (root). */
    public NvmlReturn setLimitMw(Device d, long mw) {
        return call(() -> NvmlNative.nvmlDeviceSetPowerManagementLimit(d.handle, (int) mw));
    }

    /** The GPU die temperature, in °C. */
    public Value tempC(Device d) {
        int[] v = new int[1];
        return unsigned(call(() -> NvmlNative.nvmlDeviceGetTemperature(d.handle, 0, v)), v);
    }

    /** The temperature at which the GPU slows itself down ({@code NVML_TEMPERATURE_THRESHOLD_SLOWDOWN}), in °C. */
    public Value slowdownC(Device d) {
        int[] v = new int[1];
        return unsigned(call(() -> NvmlNative.nvmlDeviceGetTemperatureThreshold(d.handle, 1, v)), v);
    }

    /** The temperature at which the GPU shuts down ({@code NVML_TEMPERATURE_THRESHOLD_SHUTDOWN}), in °C. */
    public Value shutdownC(Device d) {
        int[] v = new int[1];
        return unsigned(call(() -> NvmlNative.nvmlDeviceGetTemperatureThreshold(d.handle, 0, v)), v);
    }

    /** GPU utilisation over the driver's last sample period, in %. */
    public Value utilizationPct(Device d) {
        int[] u = new int[2];
        NvmlReturn r = call(() -> NvmlNative.nvmlDeviceGetUtilizationRates(d.handle, u));
        return r.ok() ? new Value(Integer.toUnsignedLong(u[0]), r) : new Value(0, r);
    }

    /** Uncorrected ECC errors since the driver loaded (volatile counter). */
    public Value eccUncorrected(Device d) {
        long[] v = new long[1];
        NvmlReturn r = call(() -> NvmlNative.nvmlDeviceGetTotalEccErrors(d.handle, 1, 0, v));
        return new Value(r.ok() ? v[0] : 0, r);
    }

    /**
     * The clocks event (throttle) reasons bit mask: {@code nvmlDeviceGetCurrentClocksEventReasons},
     * or on drivers before R535 (which lack it) {@code nvmlDeviceGetCurrentClocksThrottleReasons},
     * kept from the first time the new name is missing.
     */
    public Value clocksEventReasons(Device d) {
        long[] v = new long[1];
        Function f = legacyReasons ? throttleReasons : eventReasons;
        if (f == null) {
            return new Value(0, NvmlReturn.FUNCTION_NOT_FOUND);
        }
        NvmlReturn r = call(() -> f.invokeInt(new Object[] {d.handle, v}));
        if (r == NvmlReturn.FUNCTION_NOT_FOUND && !legacyReasons) {
            legacyReasons = true;
            return clocksEventReasons(d);
        }
        return new Value(r.ok() ? v[0] : 0, r);
    }

    /** True once the library turned out to be older than R535 (throttle reasons under the old name). */
    public boolean legacyReasons() {
        return legacyReasons;
    }

    /** True while this session's library is the one the natives are bound to. */
    private boolean current() {
        return BINDING.get() == binding;
    }

    private NvmlReturn call(IntSupplier c) {
        if (!current()) {
            return NvmlReturn.UNINITIALIZED; // another NVML library was opened since
        }
        try {
            return NvmlReturn.of(c.getAsInt());
        } catch (UnsatisfiedLinkError e) {
            return NvmlReturn.FUNCTION_NOT_FOUND;
        } catch (RuntimeException e) {
            return NvmlReturn.UNKNOWN;
        }
    }

    private static Value unsigned(NvmlReturn r, int[] v) {
        return new Value(r.ok() ? Integer.toUnsignedLong(v[0]) : 0, r);
    }

    @FunctionalInterface
    private interface TextCall {
        int call(byte[] buffer);
    }

    private Text text(TextCall c) {
        byte[] b = new byte[TEXT_BUFFER];
        NvmlReturn r = call(() -> c.call(b));
        if (!r.ok()) {
            return new Text("", r);
        }
        int n = 0;
        while (n < b.length && b[n] != 0) {
            n++;
        }
        return new Text(new String(b, 0, n, StandardCharsets.UTF_8), r);
    }

    private static String firstLine(Throwable e) {
        String m = String.valueOf(e.getMessage());
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
