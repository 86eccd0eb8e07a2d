package io.sunsync.flight.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.sunsync.hal.config.BackendProvider;
import io.sunsync.hal.config.DeviceConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every example in flight/config is a valid flight config file (hal checks their backend options). */
class ConfigExamplesLoadTest {
    @ParameterizedTest
    @ValueSource(strings = {"sim-sat.yaml", "board-example.yaml", "board-example-jetson.yaml", "hil-example.yaml"})
    void theExampleLoadsAndNamesOnlyBackendsThatExist(String name) {
        FlightConfig config = FlightConfig.load(Path.of("config", name));
        List<String> known = ServiceLoader.load(BackendProvider.class).stream().map(p -> p.get().name()).toList();
        assertThat(Stream.of(config.hardware().clock(), config.hardware().power(), config.hardware().thermal(),
                config.hardware().accelerators()).map(DeviceConfig::backend)).allMatch(known::contains);
        assertThat(config.hardware().backends().keySet()).allMatch(known::contains);
    }

    @Test
    void theJetsonExampleCapsTheModuleThroughNvpmodelOneCommandAtATime() {
        FlightConfig config = FlightConfig.load(Path.of("config", "board-example-jetson.yaml"));
        assertThat(config.hardware().accelerators().backend()).isEqualTo("jetson");
        assertThat(config.hardware().accelerators().options().path("inputRail").asText()).isEqualTo("VDD_IN");
        assertThat(config.actuation().threads()).isEqualTo(1);
        assertThat(config.actuation().tickBudgetS()).isEqualTo(0.5);
    }
}
