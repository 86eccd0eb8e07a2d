package io.sunsync.hal.linux;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.sunsync.hal.accel.JetsonOptions;
import io.sunsync.hal.accel.NvidiaSmiOptions;
import io.sunsync.hal.accel.NvmlOptions;
import io.sunsync.hal.accel.PowercapOptions;
import io.sunsync.hal.config.ConfigReader;
import io.sunsync.hal.config.DeviceConfig;
import io.sunsync.hal.config.HardwareConfig;
import io.sunsync.hal.power.SysfsPowerOptions;
import io.sunsync.hal.thermal.SysfsThermalOptions;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The example configs in flight/config have Linux backend options that validate. */
class ConfigExamplesTest {
    record Sat(JsonNode satellite, JsonNode link, JsonNode telemetry, HardwareConfig hardware, JsonNode actuation) {
    }

    @ParameterizedTest
    @ValueSource(strings = {"board-example.yaml", "board-example-jetson.yaml", "hil-example.yaml"})
    void linuxBackendOptionsInTheExamplesAreValid(String name) {
        Path file = Path.of("..", "flight", "config", name);
        HardwareConfig hw = ConfigReader.read(file, Sat.class).hardware();
        int checked = 0;
        for (DeviceConfig d : List.of(hw.power(), hw.thermal(), hw.accelerators())) {
            Object options = switch (d.backend()) {
                case "sysfs" -> d == hw.power() ? ConfigReader.convert(d.options(), SysfsPowerOptions.class, "options")
                        : ConfigReader.convert(d.options(), SysfsThermalOptions.class, "options");
                case "powercap" -> ConfigReader.convert(d.options(), PowercapOptions.class, "options");
                case "nvidia-smi" -> ConfigReader.convert(d.options(), NvidiaSmiOptions.class, "options");
                case "nvml" -> ConfigReader.convert(d.options(), NvmlOptions.class, "options");
                case "jetson" -> ConfigReader.convert(d.options(), JetsonOptions.class, "options");
                default -> null;
            };
            if (options != null) {
                checked++;
            }
        }
        assertThat(checked).isGreaterThanOrEqualTo(2);
    }
}
