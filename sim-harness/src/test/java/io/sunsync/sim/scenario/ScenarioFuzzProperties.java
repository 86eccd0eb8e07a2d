package io.sunsync.sim.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import io.sunsync.hal.config.ConfigException;
import io.sunsync.testkit.ConfigFuzz;
import io.sunsync.testkit.TestFiles;
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
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Malformed scenario files (the shipped scenarios with random edits: hostile values, wrong
 * shapes, unknown keys, lines lost, truncation, junk) are refused with a {@link ConfigException}
 * that names a key, never with another exception.
 */
class ScenarioFuzzProperties {
    private static Path dir;

    @BeforeContainer
    static void boot() throws IOException {
        dir = Files.createTempDirectory("sunsync-scenario-fuzz-");
    }

    @AfterContainer
    static void clean() {
        TestFiles.deleteTree(dir);
    }

    @Provide
    Arbitrary<Path> scenarios() throws IOException {
        try (Stream<Path> s = Files.list(Path.of("scenarios"))) {
            List<Path> files = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
            return Arbitraries.of(files);
        }
    }

    @Property(tries = 600)
    void aMalformedScenarioIsRefusedWithAConfigExceptionNamingAKey(@ForAll("scenarios") Path scenario,
                                                                    @ForAll long seed) throws IOException {
        ConfigFuzz.Mutation m = ConfigFuzz.mutate(Files.readString(scenario), seed);
        Path file = dir.resolve(scenario.getFileName());
        Files.writeString(file, m.text());
        try {
            Scenario s = Scenario.load(file);
            assertThat(s).as("accepted: %s", m.description()).isNotNull();
            if (m.unknownKey() != null) {
                throw new AssertionError("an unknown key was accepted: " + m.description());
            }
        } catch (ConfigException e) {
            assertThat(e.key()).as("key of '%s' after %s", e.getMessage(), m.description()).isNotBlank();
            if (m.unknownKey() != null && m.kinds().size() == 1 && !e.reason().startsWith("malformed YAML")) {
                assertThat(e.getMessage()).as("%s", m.description()).contains(m.unknownKey());
            }
        } catch (RuntimeException e) {
            throw new AssertionError("not a ConfigException after " + m.description() + ": " + e, e);
        }
    }
}
