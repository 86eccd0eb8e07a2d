package io.sunsync.ground.mission;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The mission rehearsal end to end, shortened: an embedded broker, the real flight software in a
 * child JVM on the sim backend (2.4 h of the eclipse-season scenario at 600 x, 16 boards), the
 * scripted ground session, and the report; the assertions read {@code summary.json} as a script
 * would.
 */
class MissionRunTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void aShortMissionPassesItsVerdictAndWritesTheReport() throws Exception {
        Path out = dir.resolve("mission");
        MissionSettings settings = new MissionSettings(scenario(), 0.1, 11L, 16, out, 600, 60, 10, flightInChildJvm(),
                false, "sat-001");
        ByteArrayOutputStream console = new ByteArrayOutputStream();

        MissionReport report = new MissionRun(settings, new PrintStream(console, true, StandardCharsets.UTF_8)).run();

        JsonNode s = JSON.readTree(out.resolve("summary.json").toFile());
        assertThat(s.path("ok").asBoolean()).as("verdict %s", s.path("verdict")).isTrue();
        assertThat(report.verdict().ok()).isTrue();
        JsonNode h = s.path("headline");
        assertThat(h.path("violations").asInt()).isZero();
        assertThat(h.path("workUnits").asDouble()).isPositive();
        assertThat(h.path("ratioToOracle").asDouble()).isPositive().isLessThanOrEqualTo(1.0 + 1e-9);
        assertThat(h.path("ratioToBaseline").asDouble()).isPositive();
        assertThat(h.path("commands").path("rejectedBy").path("BAD_MAC").asInt()).isEqualTo(1);
        assertThat(h.path("commands").path("rejectedBy").path("EXPIRED").asInt()).isEqualTo(1);
        assertThat(h.path("commands").path("accepted").asInt()).isGreaterThan(5);
        List<JsonNode> forged = new ArrayList<>();
        s.path("commands").path("notable").forEach(e -> {
            if (e.path("purpose").asText().startsWith("FORGED")) {
                forged.add(e);
            }
        });
        assertThat(forged).singleElement().satisfies(e -> {
            assertThat(e.path("stage").asText()).isEqualTo("REJECTED");
            assertThat(e.path("reason").asText()).isEqualTo("BAD_MAC");
        });
        assertThat(s.path("commands").path("armed").asInt()).isGreaterThanOrEqualTo(2);
        assertThat(h.path("telemetry").path("lost").asLong()).isZero();
        assertThat(h.path("telemetry").path("delivered").asLong()).isEqualTo(h.path("telemetry").path("produced").asLong())
                .isPositive();
        assertThat(h.path("results").path("delivered").asInt()).isPositive();
        assertThat(h.path("results").path("verified").asInt()).isEqualTo(h.path("results").path("delivered").asInt());
        assertThat(h.path("results").path("badChunks").asLong()).isZero();
        assertThat(s.path("results").path("lost")).isEmpty();
        // Watts and tonnes: the satellite's mass and the work per kWh and per kg, and an energy balance that closes.
        JsonNode wt = h.path("wattsAndTonnes");
        // The reference satellite with 16 boards, by hand (docs/sim-harness.md, mass and cost model): array 300 m² x 2.3,
        // battery 20 kWh / 128, radiators 120 m² x 5, boards 16 x 8, pumps and plumbing 2 kg/kW x 16 kW, over 0.75.
        double satelliteKg = (690 + 156.25 + 600 + 16 * 8 + 2 * 16) / 0.75;       // 2141.67 kg
        assertThat(wt.path("satelliteKg").asDouble()).isCloseTo(satelliteKg, org.assertj.core.api.Assertions.within(1e-6));
        assertThat(wt.path("arrayWPerKg").asDouble()).isCloseTo(104_116.5 / satelliteKg,
                org.assertj.core.api.Assertions.within(1e-6));
        assertThat(wt.path("workPerKWhCollected").asDouble()).isPositive();
        assertThat(wt.path("workPerKgPerDay").asDouble()).isPositive();
        JsonNode bal = s.path("economy").path("balance");
        double destinations = bal.path("computeKWh").asDouble() + bal.path("housekeepingKWh").asDouble()
                + bal.path("heatersPumpsKWh").asDouble() + bal.path("storedKWh").asDouble()
                + bal.path("batteryLossKWh").asDouble() + bal.path("curtailedKWh").asDouble();
        assertThat(destinations).isCloseTo(bal.path("collectedKWh").asDouble(),
                org.assertj.core.api.Assertions.within(1e-6 * bal.path("collectedKWh").asDouble()));
        assertThat(s.path("economy").path("controllers")).extracting(c -> c.path("source").asText())
                .containsExactly("mission", "baseline");
        assertThat(s.path("economy").path("controllers").get(1).path("matchKg").isNumber()).isTrue();
        for (String f : List.of("report.md", "report.html", "power.png", "soc.png", "temperatures.png", "caps.png",
                "jobs.png", "energy-balance.png", "flight/truth.jsonl", "flight/flight.log", "ground/session.log")) {
            assertThat(out.resolve(f)).as(f).isNotEmptyFile();
        }
        assertThat(Files.readString(out.resolve("report.md"))).contains("**PASSED.**", "![", "BAD_MAC", "| ratio to the oracle |",
                "# Watts and tonnes", "| to heaters and pumps |", "per kWh the arrays collected");
        assertThat(Files.readString(out.resolve("report.html"))).contains("<img src=\"power.png\"", "<table>");
        // flight's own files on disk: its job journal and results, its outbox
        assertThat(out.resolve("flight/jobs")).isDirectory();
        assertThat(out.resolve("flight/outbox")).isDirectory();
        assertThat(console.toString(StandardCharsets.UTF_8)).contains("FORGED", "as expected");
    }

    @Test
    void aFolderHoldingSomethingElseIsRefusedNotEmptied() throws Exception {
        Path foreign = dir.resolve("precious");
        Files.createDirectories(foreign);
        Files.writeString(foreign.resolve("thesis.tex"), "keep me");

        MissionException e = org.assertj.core.api.Assertions.catchThrowableOfType(
                () -> MissionFolder.prepare(foreign), MissionException.class);

        assertThat(e.error()).isEqualTo(MissionError.OUT_FOLDER);
        assertThat(foreign.resolve("thesis.tex")).hasContent("keep me");
    }

    @Test
    void aMissingScenarioIsABadScenario() {
        MissionSettings settings = new MissionSettings(dir.resolve("nope.yaml"), null, null, null, dir.resolve("o"), 600,
                60, 10, flightInChildJvm(), false, "sat-001");

        MissionException e = org.assertj.core.api.Assertions.catchThrowableOfType(() -> MissionPlan.of(settings),
                MissionException.class);

        assertThat(e.error()).isEqualTo(MissionError.BAD_SCENARIO);
    }

    private static Path scenario() {
        Path p = Path.of("..", "sim-harness", "scenarios", "eclipse-season-depth.yaml");
        assertThat(p).exists();
        return p;
    }

    /** The flight software as its launcher runs it: FlightMain in a JVM of its own (it is on the test class path). */
    private static List<String> flightInChildJvm() {
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-XX:TieredStopAtLevel=1", "-cp", cp, "io.sunsync.flight.app.FlightMain");
    }
}
