package io.sunsync.sim.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import io.sunsync.hal.config.ConfigException;
import io.sunsync.testkit.ConfigFuzz;
import java.io.IOException;
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
 * Malformed scenario files (the shipped scenarios with random edits: hostile values, wrong
 * shapes, unknown keys, lines lost, truncation, junk) are refused with a {@link ConfigException}
 * that names a key, never with another exception.
 */
class ScenarioFuzzProperties {
    @Provide
    Arbitrary<Path> scenarios() throws IOException {
        try (Stream<Path> s = Files.list(Path.of("scenarios"))) {
            List<Path> files = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
            return Arbitraries.of(files);
        }
    }

    @Property(tries = 600)
    void aMalformedScenarioIsRefusedWithAConfigExceptionNamingAKey(@ForAll("scenarios") Path scenario,
                                                                    @ForAll long seed) throws Exception {
        ConfigFuzz.Mutation m = ConfigFuzz.mutate(Files.readString(scenario), seed);
        ConfigFuzz.check(m, scenario.getFileName().toString(), file -> {
            assertThat(Scenario.load(file)).as("accepted: %s", m.description()).isNotNull();
            return false; // a scenario has no place for keys nobody reads
        }, e -> e instanceof ConfigException c ? new ConfigFuzz.Refusal(c.key(), c.reason(), c.getMessage()) : null);
    }
}
