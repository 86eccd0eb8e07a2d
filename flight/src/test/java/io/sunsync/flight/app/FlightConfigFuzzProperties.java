package io.sunsync.flight.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.sunsync.hal.config.ConfigException;
import io.sunsync.hal.config.ConfigReader;
import io.sunsync.hal.remote.RemoteSettings;
import io.sunsync.sim.SimSettings;
import io.sunsync.testkit.ConfigFuzz;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Malformed satellite configs (the shipped examples with random edits: hostile values, wrong
 * shapes, unknown keys, lines lost, truncation, junk) are refused with a {@link ConfigException}
 * that names a key, never with another exception; the backends' shared settings are read as the
 * backends read them at start. Unknown keys are refused everywhere but inside a device's own
 * {@code options}, which its backend reads when it starts.
 */
class FlightConfigFuzzProperties {
    @Provide
    Arbitrary<String> examples() {
        return Arbitraries.of(List.of("config/sim-sat.yaml", "config/board-example.yaml", "config/board-example-jetson.yaml",
                "config/hil-example.yaml"));
    }

    @Property(tries = 600)
    void aMalformedConfigIsRefusedWithAConfigExceptionNamingAKey(@ForAll("examples") String example,
                                                                  @ForAll long seed) throws Exception {
        ConfigFuzz.Mutation m = ConfigFuzz.mutate(Files.readString(Path.of(example)), seed);
        ConfigFuzz.check(m, "satellite.yaml", file -> {
            FlightConfig config = FlightConfig.load(file);
            // The backends' shared settings, read as the backends read them when flight starts.
            var backends = config.hardware().backends();
            if (backends.containsKey("sim")) {
                ConfigReader.convert(backends.get("sim"), SimSettings.class, "hardware.backends.sim");
            }
            if (backends.containsKey("remote")) {
                ConfigReader.convert(backends.get("remote"), RemoteSettings.class, "hardware.backends.remote");
            }
            assertThat(config.satellite()).as("accepted: %s", m.description()).isNotNull();
            // A device's own options are read by its backend when it starts (docs/hal.md).
            return m.unknownKey() != null && Stream.of(config.hardware().clock(),
                    config.hardware().power(), config.hardware().thermal(), config.hardware().accelerators())
                    .anyMatch(d -> d != null && d.options().toString().contains(m.unknownKey()));
        }, FlightConfigFuzzProperties::refusal);
    }

    /** The refusal a {@link ConfigException} is (none for any other exception). */
    static ConfigFuzz.Refusal refusal(RuntimeException e) {
        return e instanceof ConfigException c ? new ConfigFuzz.Refusal(c.key(), c.reason(), c.getMessage()) : null;
    }
}
