package io.sunsync.hal.config;

import io.sunsync.hal.time.TimeSource;
import java.nio.file.Path;
import java.util.Map;

/** A {@link BackendContext} for calling one provider directly in a test (as HardwareAssembly would). */
public final class TestContexts {
    private TestContexts() {
    }

    /** A context for a config in {@code dir} with no shared backend settings and {@code time} as the clock. */
    public static BackendContext of(Path dir, TimeSource time) {
        HardwareConfig config = new HardwareConfig(DeviceConfig.of("system"), DeviceConfig.of("none"),
                DeviceConfig.of("none"), DeviceConfig.of("none"), Map.of());
        BackendContext c = new BackendContext(dir, config, "hardware");
        c.timeSource(time);
        return c;
    }
}
