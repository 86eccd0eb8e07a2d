package io.sunsync.flight.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every example in flight/config is a valid flight config file (hal checks their backend options). */
class ConfigExamplesLoadTest {
    @ParameterizedTest
    @ValueSource(strings = {"sim-sat.yaml", "board-example.yaml", "hil-example.yaml"})
    void theExampleLoads(String name) {
        FlightConfig config = FlightConfig.load(Path.of("config", name));
        assertThat(config.satellite().id()).isNotBlank();
        assertThat(config.hardware().accelerators().backend()).isNotBlank();
    }
}
