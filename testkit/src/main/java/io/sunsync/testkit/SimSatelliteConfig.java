package io.sunsync.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Satellite config files (docs/configuration.md) for the tests that run flight on the sim backend,
 * in flight's and the ground's tests: the sections a test writes (satellite, link, commanding,
 * jobs...) followed by the one {@link #hardware} section that puts every device on the sim backend.
 * Stateless.
 */
public final class SimSatelliteConfig {
    private SimSatelliteConfig() {
    }

    /**
     * The {@code hardware} section: clock, power, thermal and accelerators on the sim backend, with
     * {@code simOptions} as its settings in flow style (e.g. {@code boards: 8, speed: 0}).
     */
    public static String hardware(String simOptions) {
        return """
                hardware:
                  clock: {backend: sim}
                  power: {backend: sim}
                  thermal: {backend: sim}
                  accelerators: {backend: sim}
                  backends:
                    sim: {%s}
                """.formatted(simOptions);
    }

    /**
     * Writes {@code dir/sat.yaml}: {@code sections} (top-level YAML keys, ending in a line break),
     * then the {@link #hardware} section with {@code simOptions}. Returns the file.
     */
    public static Path write(Path dir, String sections, String simOptions) throws IOException {
        Path file = dir.resolve("sat.yaml");
        Files.writeString(file, sections + hardware(simOptions));
        return file;
    }
}
