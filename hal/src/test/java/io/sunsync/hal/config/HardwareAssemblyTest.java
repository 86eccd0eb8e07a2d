package io.sunsync.hal.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sunsync.hal.time.SystemClockProvider;
import io.sunsync.hal.time.SystemTimeSource;
import io.sunsync.hal.time.TimeSource;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class HardwareAssemblyTest {

    private static HardwareConfig config(String clock) {
        return new HardwareConfig(DeviceConfig.of(clock), DeviceConfig.of("fake"), DeviceConfig.of("fake"),
                DeviceConfig.of("fake"), null);
    }

    @Test
    void unknownBackendIsRefusedNamingTheKeyAndTheChoices() {
        assertThatThrownBy(() -> HardwareAssembly.build(config("sundial"), Path.of("."), "hardware",
                List.of(new SystemClockProvider())))
                .isInstanceOf(ConfigException.class)
                .hasMessage("hardware.clock.backend: unknown backend 'sundial'; available: system");
    }

    @Test
    void aBackendThatCannotDriveTheDeviceIsRefused() {
        assertThatThrownBy(() -> HardwareAssembly.build(
                new HardwareConfig(DeviceConfig.of("system"), DeviceConfig.of("system"), DeviceConfig.of("system"),
                        DeviceConfig.of("system"), null),
                Path.of("."), "hardware", List.of(new SystemClockProvider())))
                .isInstanceOf(ConfigException.class)
                .hasMessage("hardware.power.backend: backend 'system' does not provide a power system");
    }

    @Test
    void systemClockRefusesOptions() {
        ObjectNode opts = ConfigReader.jsonMapper().createObjectNode().put("tz", "UTC");
        HardwareConfig cfg = new HardwareConfig(new DeviceConfig("system", opts), DeviceConfig.of("x"),
                DeviceConfig.of("x"), DeviceConfig.of("x"), null);
        assertThatThrownBy(() -> HardwareAssembly.build(cfg, Path.of("."), "hardware",
                List.of(new SystemClockProvider())))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("hardware.clock.options.tz: unknown key");
    }

    @Test
    void serviceLoaderFindsTheSystemClock() {
        HardwareConfig cfg = config("system");
        // Only the clock is checked here: the service loader in hal knows no power backend called "fake".
        assertThatThrownBy(() -> HardwareAssembly.build(cfg, Path.of("."), "hardware"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("hardware.power.backend: unknown backend 'fake'")
                .hasMessageContaining("system");
    }

    @Test
    void systemTimeSourceIsNotVirtual() {
        TimeSource t = new SystemTimeSource();
        assertThat(t.isVirtual()).isFalse();
        assertThat(t.now()).isNotNull();
    }
}
