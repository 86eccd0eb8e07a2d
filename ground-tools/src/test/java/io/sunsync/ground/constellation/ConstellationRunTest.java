package io.sunsync.ground.constellation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.sunsync.ground.mission.MissionSettings;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two real flight processes against one embedded broker, briefly: the fleet view sees both, the report has each. */
class ConstellationRunTest {
    @TempDir
    Path dir;

    @Test
    void twoSatellitesFlyAndTheReportHasTheirRatesAndResourceUse() throws Exception {
        Path out = dir.resolve("constellation");
        MissionSettings template = new MissionSettings(Path.of("..", "sim-harness", "scenarios", "eclipse-season-depth.yaml"),
                0.15 / 24, 5L, 8, out, 60, 1, 10, flightInChildJvm(), false, "sat-001");
        ByteArrayOutputStream console = new ByteArrayOutputStream();

        JsonNode s = new ConstellationRun(new ConstellationRun.Settings(2, template),
                new PrintStream(console, true, StandardCharsets.UTF_8)).run();

        assertThat(s.path("allExitedCleanly").asBoolean()).isTrue();
        assertThat(s.path("allCommandsCompleted").asBoolean()).as(s.toString()).isTrue();
        assertThat(s.path("perSatellite")).hasSize(2);
        for (JsonNode sat : s.path("perSatellite")) {
            assertThat(sat.path("hkFrames").asLong()).as(sat.toString()).isPositive();
            assertThat(sat.path("rssMiBMax").asDouble()).isPositive();
            assertThat(sat.path("threadsMax").asInt()).isPositive();
            assertThat(sat.path("cpuS").asDouble()).isPositive();
            assertThat(sat.path("commandsSent").asInt()).isGreaterThan(1);
        }
        assertThat(s.path("messagesPerS").asDouble()).isPositive();
        assertThat(out.resolve("report.md")).content().contains("| sat-001 |", "| sat-002 |", "msgs/s");
        assertThat(out.resolve("summary.json")).isNotEmptyFile();
        assertThat(console.toString(StandardCharsets.UTF_8)).contains("2 satellites:");
    }

    @Test
    void processCpuTimeIsReadPastACommandNameWithSpaces() {
        String stat = "4242 (java main) S 1 4242 4242 0 -1 4194304 100 0 0 0 250 50 0 0 20 0 29 0 100 0 0";

        assertThat(ProcessSample.cpuS(stat)).isEqualTo(3.0);
    }

    @Test
    void thisProcessCanBeSampled() {
        ProcessSample p = ProcessSample.of(ProcessHandle.current().pid());

        assertThat(p).isNotNull();
        assertThat(p.rssKiB()).isPositive();
        assertThat(p.threads()).isGreaterThan(1);
    }

    private static List<String> flightInChildJvm() {
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-XX:TieredStopAtLevel=1", "-cp", cp, "io.sunsync.flight.app.FlightMain");
    }
}
