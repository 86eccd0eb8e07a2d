package io.sunsync.flight.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.sunsync.testkit.SimSatelliteConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FlightMainTest {

    static final String GOOD = """
            satellite: {id: sat-001}
            link: {broker: "tcp://127.0.0.1:1"}
            """ + SimSatelliteConfig.hardware("boards: 4");

    record Result(int exit, String err) {
    }

    private static Result launch(Path dir, String yaml) throws Exception {
        Path file = dir.resolve("sat.yaml");
        Files.writeString(file, yaml);
        PrintStream oldErr = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            int exit = FlightMain.run("--config", file.toString(), "--duration-s", "1");
            return new Result(exit, err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setErr(oldErr);
        }
    }

    @Test
    void missingKeyStopsTheLauncherNamingIt(@TempDir Path dir) throws Exception {
        Result r = launch(dir, GOOD.replace("satellite: {id: sat-001}\n", ""));
        assertThat(r.exit()).isEqualTo(FlightMain.EXIT_CONFIG);
        assertThat(r.err()).contains("bad config: satellite: is required").doesNotContain("\tat ");
    }

    @Test
    void wrongTypeStopsTheLauncherNamingTheKey(@TempDir Path dir) throws Exception {
        Result r = launch(dir, GOOD.replace("link: {broker: \"tcp://127.0.0.1:1\"}",
                "link: {broker: \"tcp://127.0.0.1:1\", sessionExpiryS: soon}"));
        assertThat(r.exit()).isEqualTo(FlightMain.EXIT_CONFIG);
        assertThat(r.err()).contains("bad config: link.sessionExpiryS: 'soon' is not an integer")
                .doesNotContain("\tat ");
    }

    @Test
    void unknownBackendStopsTheLauncherNamingTheKeyAndTheChoices(@TempDir Path dir) throws Exception {
        Result r = launch(dir, GOOD.replace("power: {backend: sim}", "power: {backend: solar-magic}"));
        assertThat(r.exit()).isEqualTo(FlightMain.EXIT_CONFIG);
        assertThat(r.err()).contains("bad config: hardware.power.backend: unknown backend 'solar-magic'; available:")
                .contains("sim").contains("system");
    }

    @Test
    void badSimSettingIsNamedWithItsFullKey(@TempDir Path dir) throws Exception {
        Result r = launch(dir, GOOD.replace("sim: {boards: 4}", "sim: {boards: 4, altitudeKm: 90000}"));
        assertThat(r.exit()).isEqualTo(FlightMain.EXIT_CONFIG);
        assertThat(r.err()).contains("bad config: hardware.backends.sim.altitudeKm: must be a low Earth orbit altitude");
    }

    @Test
    void badSatelliteIdIsRefused(@TempDir Path dir) throws Exception {
        Result r = launch(dir, GOOD.replace("sat-001", "sat/#"));
        assertThat(r.exit()).isEqualTo(FlightMain.EXIT_CONFIG);
        assertThat(r.err()).contains("bad config: satellite.id: 'sat/#' must be");
    }

    @Test
    void missingConfigFileIsNamed(@TempDir Path dir) {
        int exit = FlightMain.run("--config", dir.resolve("absent.yaml").toString());
        assertThat(exit).isEqualTo(FlightMain.EXIT_CONFIG);
    }
}
