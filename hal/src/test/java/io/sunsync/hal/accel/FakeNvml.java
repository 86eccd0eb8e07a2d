package io.sunsync.hal.accel;

import com.sun.jna.Library;
import com.sun.jna.Native;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The fake {@code libnvidia-ml.so.1} (src/test/c/fake_nvml.c, built by hal's test build with gcc)
 * and its test hooks, called through JNA like the backend calls NVML. A test writes the devices
 * and faults as a script ({@link #script}); the library answers NVML calls from it. One library
 * per JVM (its state is global): tests run one at a time.
 */
public final class FakeNvml {
    /** The fake as built by the test build. */
    public static final Path LIBRARY = built("fake-nvml");
    /** The same fake without {@code nvmlDeviceGetCurrentClocksEventReasons}, as drivers before R535. */
    public static final Path OLD_LIBRARY = built("fake-nvml-old");
    public static final String UUID0 = "GPU-5c0b7e4a-1d2f-4c3b-9a8e-0f1e2d3c4b5a";
    public static final String UUID1 = "GPU-7d1e9f6b-3a4c-4e5d-8b9a-1a2b3c4d5e6f";

    /** The hooks the fake exports besides NVML. */
    interface Hooks extends Library {
        int fakeNvmlLoad(String path);

        int fakeNvmlSetLimitCalls(int index);

        int fakeNvmlLimitMw(int index);

        int fakeNvmlInitCount();
    }

    private final Hooks hooks;
    private final Path dir;

    /** The fake at {@code library}, scripts written to {@code dir}. */
    public FakeNvml(Path library, Path dir) {
        this.hooks = Native.load(library.toString(), Hooks.class);
        this.dir = dir;
    }

    /** The fake at {@link #LIBRARY}. */
    public FakeNvml(Path dir) {
        this(LIBRARY, dir);
    }

    private static Path built(String folder) {
        Path p = Path.of("target", folder, "libnvidia-ml.so.1").toAbsolutePath();
        if (!Files.isRegularFile(p)) {
            throw new IllegalStateException(p + " is missing: hal's test build compiles it from src/test/c/fake_nvml.c "
                    + "with gcc (process-test-classes); run the tests through Maven");
        }
        return p;
    }

    /** Loads {@code text} as the devices and faults NVML reports from now on. */
    public FakeNvml script(String text) {
        try {
            Path f = Files.writeString(Files.createTempFile(dir, "nvml-", ".script"), text);
            if (hooks.fakeNvmlLoad(f.toString()) != 0) {
                throw new IllegalStateException("the fake NVML could not read " + f);
            }
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Calls of nvmlDeviceSetPowerManagementLimit on device {@code index} since its script was loaded. */
    public int setLimitCalls(int index) {
        return hooks.fakeNvmlSetLimitCalls(index);
    }

    /** Device {@code index}'s management limit now, in mW. */
    public int limitMw(int index) {
        return hooks.fakeNvmlLimitMw(index);
    }

    /** Two H200s at the limits NVML reported on the measured machine (200-700 W), the first busy and power-capped. */
    public static String twoH200() {
        return """
                device
                uuid %s
                name NVIDIA H200
                power_mw 312450
                limit_mw 700000
                min_mw 200000
                max_mw 700000
                default_mw 700000
                temp_c 61
                slowdown_c 90
                shutdown_c 95
                util 87
                reasons 0x4
                device
                uuid %s
                name NVIDIA H200
                power_mw 78000
                temp_c 34
                reasons 0x1
                """.formatted(UUID0, UUID1);
    }
}
