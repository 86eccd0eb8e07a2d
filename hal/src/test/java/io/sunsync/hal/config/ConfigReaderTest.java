package io.sunsync.hal.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigReaderTest {

    record Wrapper(HardwareConfig hardware) {
    }

    private static final String GOOD = """
            hardware:
              clock: {backend: system}
              power: {backend: sysfs, options: {root: /sys}}
              thermal: {backend: sim}
              accelerators: {backend: sim}
              backends:
                sim: {seed: 7}
            """;

    @Test
    void readsAValidYamlHardwareSection(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("sat.yaml");
        Files.writeString(file, GOOD);

        Wrapper w = ConfigReader.read(file, Wrapper.class);

        assertThat(w.hardware().power().backend()).isEqualTo("sysfs");
        assertThat(w.hardware().power().options().get("root").asText()).isEqualTo("/sys");
        assertThat(w.hardware().backends().get("sim").get("seed").asInt()).isEqualTo(7);
        assertThat(w.hardware().thermal().options().isEmpty()).isTrue();
    }

    @Test
    void missingBackendKeyIsNamed() {
        String yaml = GOOD.replace("power: {backend: sysfs, options: {root: /sys}}", "power: {options: {root: /sys}}");
        assertThatThrownBy(() -> ConfigReader.parse(yaml, false, Wrapper.class, "sat.yaml"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("hardware.power.backend: is required");
    }

    @Test
    void missingDeviceIsNamed() {
        String yaml = GOOD.replace("  thermal: {backend: sim}\n", "");
        assertThatThrownBy(() -> ConfigReader.parse(yaml, false, Wrapper.class, "sat.yaml"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("hardware.thermal: is required");
    }

    @Test
    void unknownKeyIsNamedWithTheKnownOnes() {
        String yaml = GOOD.replace("thermal: {backend: sim}", "thermal: {backend: sim, colour: red}");
        assertThatThrownBy(() -> ConfigReader.parse(yaml, false, Wrapper.class, "sat.yaml"))
                .isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(((ConfigException) e).key()).isEqualTo("hardware.thermal.colour"))
                .hasMessageContaining("unknown key")
                .hasMessageContaining("backend, options");
    }

    @Test
    void wrongTypeIsNamed() {
        String yaml = GOOD.replace("thermal: {backend: sim}", "thermal: [1, 2]");
        assertThatThrownBy(() -> ConfigReader.parse(yaml, false, Wrapper.class, "sat.yaml"))
                .isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(((ConfigException) e).key()).isEqualTo("hardware.thermal"))
                .hasMessageContaining("expected");
    }

    @Test
    void malformedYamlNamesTheFileAndLine() {
        assertThatThrownBy(() -> ConfigReader.parse("hardware: x: y\n", false, Wrapper.class, "sat.yaml"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("malformed")
                .hasMessageContaining("line");
    }

    @Test
    void missingFileIsNamed(@TempDir Path dir) {
        Path file = dir.resolve("nope.yaml");
        assertThatThrownBy(() -> ConfigReader.read(file, Wrapper.class))
                .isInstanceOf(ConfigException.class)
                .hasMessage(file + ": no such file");
    }
}
