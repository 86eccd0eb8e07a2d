package io.sunsync.sim.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimMainTest {
    record Result(int code, String out, String err) {
    }

    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = SimMain.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Result(code, out.toString(), err.toString());
    }

    @Test
    void orbitCommandPrintsTheSentinel1Figures() throws Exception {
        Result r = run("orbit", "--altitude-km", "693", "--ltan", "18:00", "--json");
        assertThat(r.code()).isZero();
        JsonNode n = new ObjectMapper().readTree(r.out());
        assertThat(n.path("periodMin").asDouble()).isCloseTo(98.6, within(0.05));
        assertThat(n.path("inclinationDeg").asDouble()).isCloseTo(98.18, within(0.05));
        assertThat(n.path("longestEclipseMin").asDouble()).isCloseTo(19.0, within(0.5));
        assertThat(n.path("eclipseSeasonFirstDay").asText()).startsWith("2027-05");
        assertThat(n.path("eclipseSeasonLastDay").asText()).startsWith("2027-0");
    }

    @Test
    void orbitCommandInTextSaysWhenThereIsNoEclipseSeason() {
        // At 1400 km the critical beta falls below the dawn-dusk orbit's smallest beta.
        Result r = run("orbit", "--altitude-km", "1400", "--ltan", "18:00");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("period").contains("none: the orbit is in sunlight all year");
        Result noon = run("orbit", "--altitude-km", "650", "--ltan", "12:00");
        assertThat(noon.out()).contains("365 days with an eclipse");
    }

    @Test
    void elementsCommandWritesTheFittedElementsAndTheirDrift() throws Exception {
        Result omm = run("elements", "--format", "omm", "--drift-days", "0,1");
        assertThat(omm.code()).isZero();
        assertThat(omm.out()).contains("CCSDS_OMM_VERS", "MEAN_ELEMENT_THEORY = SGP/SGP4", "SGP4 vs truth");
        Result json = run("elements", "--age-days", "1", "--drift-days", "0,1", "--json");
        assertThat(json.code()).isZero();
        JsonNode n = new ObjectMapper().readTree(json.out());
        assertThat(n.path("epoch").asText()).isEqualTo("2027-06-20T00:00:00Z");
        assertThat(n.path("line1").asText()).hasSize(69).startsWith("1 99001U");
        assertThat(n.path("fitRmsM").asDouble()).isBetween(1.0, 100.0);
        assertThat(n.path("drift")).hasSize(2);
        assertThat(n.path("drift").get(1).path("positionM").asDouble()).isPositive();
        Result bad = run("elements", "--format", "xml");
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("--format");
    }

    @Test
    void badArgumentsExitWithTwoAndSayWhy() {
        Result r = run("orbit", "--altitude-km", "650", "--ltan", "25:61");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("LTAN");
        Result s = run("run", "--scenario", "no-such-file.yaml");
        assertThat(s.code()).isEqualTo(2);
        assertThat(s.err()).contains("no such file");
    }

    @Test
    void runCommandPrintsTheEnergyBalanceViolationsAndTheOracleRatio(@TempDir Path dir) throws Exception {
        Path truth = dir.resolve("truth.jsonl");
        Result r = run("run", "--scenario", "scenarios/eclipse-season-day.yaml", "--duration-s", "7200",
                "--truth-log", truth.toString(), "--json");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode n = new ObjectMapper().readTree(r.out());
        assertThat(n.path("controller").asText()).isEqualTo("greedy");
        double ratio = n.path("ratioToOracle").asDouble();
        assertThat(ratio).isBetween(0.5, 1.0);
        assertThat(Math.abs(n.path("truth").path("energy").path("arrayAvailableWh").asDouble())).isPositive();
        assertThat(Files.readAllLines(truth)).last().asString().contains("\"type\":\"final\"");
        Result text = run("run", "--scenario", "scenarios/eclipse-season-day.yaml", "--duration-s", "7200",
                "--controller", "static:1000");
        assertThat(text.out()).contains("Energy balance").contains("balance error").contains("BROWN_OUT")
                .contains("ratio to oracle");
    }
}
