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

    @Test
    void designCommandSearchesWithinItsBoundsAndWritesTheChosenDesign(@TempDir Path dir) throws Exception {
        Result r = run("design", "--boards-range", "96..100", "--battery-kwh", "20..20", "--throttler-ratio", "0.99",
                "--out", dir.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("## The chosen design", "## The frontier it explored", "--throttler-ratio 0.99",
                "bench throttler --scenario-file");
        JsonNode n = new ObjectMapper().readTree(dir.resolve("design.json").toFile());
        assertThat(n.path("explored")).hasSize(5);                 // boards 96..100 with the one battery
        JsonNode best = n.path("best");
        double bestPerKg = best.path("workPerKgYear").asDouble();
        for (JsonNode c : n.path("explored")) {
            assertThat(c.path("workPerKgYear").asDouble()).isLessThanOrEqualTo(bestPerKg * 1.01); // coarse vs fine year
        }
        assertThat(best.path("batteryWh").asDouble()).isEqualTo(20_000.0);
        assertThat(best.path("radiatorM2").asDouble()).isBetween(100.0, 125.0);
        assertThat(Files.size(dir.resolve("frontier.png"))).isGreaterThan(5_000);
        var chosen = io.sunsync.sim.scenario.Scenario.load(dir.resolve("design-scenario.json"));
        assertThat(chosen.boards().count()).isEqualTo(best.path("boards").asInt());
        assertThat(chosen.thermal().radiatorAreaM2()).isEqualTo(best.path("radiatorM2").asDouble());
        assertThat(chosen.start().toString()).startsWith("2027-06-2");
    }

    @Test
    void fleetCommandBuysSatellitesWithTheTonnesAndCountsTheirMeasuredYears(@TempDir Path dir) throws Exception {
        Result r = run("fleet", "--tonnes-per-year", "1000", "--years", "3", "--throttler-ratio", "0.98", "--out",
                dir.toString(), "--json");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode n = new ObjectMapper().readTree(r.out());
        // 1000 t a year of the 3208.33 kg reference satellite (MassBudgetTest): 311.69 satellites a year.
        double kg = n.path("mass").path("totalKg").asDouble();
        assertThat(kg).isCloseTo(3208.333, within(1e-3));
        assertThat(n.path("satellitesPerYear").asDouble()).isCloseTo(1_000_000 / kg, within(1e-9));
        JsonNode years = n.path("years");
        assertThat(years).hasSize(3);
        double perSat = n.path("workByAge").get(0).asDouble();
        assertThat(perSat).isEqualTo(n.path("firstYear").path("achievedWorkUnits").asDouble());
        // Year 1: one cohort of new satellites; year 2: it, a year older, and a new one.
        assertThat(years.get(0).path("workUnits").asDouble()).isCloseTo(1_000_000 / kg * perSat, within(1e-6 * perSat));
        assertThat(years.get(1).path("workUnits").asDouble()).isCloseTo(1_000_000 / kg
                * (perSat + n.path("workByAge").get(1).asDouble()), within(1e-5 * perSat));
        // 96 kW of boards per satellite: 0.0299 GW of compute added each year.
        assertThat(years.get(0).path("computeGwAdded").asDouble()).isCloseTo(1_000_000 / kg * 96_000 / 1e9, within(1e-12));
        assertThat(n.path("ratio").path("source").asText()).contains("--throttler-ratio 0.98");
        assertThat(n.path("sensitivity")).extracting(v -> v.path("name").asText())
                .anyMatch(s -> s.startsWith("altitude")).anyMatch(s -> s.startsWith("battery"))
                .anyMatch(s -> s.startsWith("array after")).anyMatch(s -> s.contains("eclipse season"));
        assertThat(Files.readString(dir.resolve("fleet.md"))).contains("# Fleet projection", "## Sensitivity",
                "| 3 | 311.7 |");
    }

    @Test
    void economyCommandsShareTheirReportOptionsEachWritingToItsOwnFolder() {
        for (String command : new String[] {"fleet", "design"}) {
            Result help = run(command, "--help");
            assertThat(help.code()).isZero();
            assertThat(help.out()).contains("--scenario=", "--json", "Where the files go (default out/" + command + ").");
        }
    }

    @Test
    void economyCommandsRefuseBadInputNamingIt(@TempDir Path dir) throws Exception {
        Result tonnes = run("fleet", "--tonnes-per-year", "-3");
        assertThat(tonnes.code()).isEqualTo(2);
        assertThat(tonnes.err()).contains("--tonnes-per-year");
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, "economy: {boardKg: -8}\n");
        Result mass = run("fleet", "--tonnes-per-year", "1000", "--scenario", bad.toString());
        assertThat(mass.code()).isEqualTo(2);
        assertThat(mass.err()).contains("economy.boardKg").contains("must not be negative");
        Path weak = dir.resolve("weak.yaml");
        Files.writeString(weak, "battery: {capacityWh: 600}\n");
        Result battery = run("design", "--scenario", weak.toString(), "--out", dir.toString());
        assertThat(battery.code()).isEqualTo(2);
        assertThat(battery.err()).contains("battery.capacityWh").contains("longest eclipse");
        Result range = run("design", "--battery-kwh", "20", "--out", dir.toString());
        assertThat(range.code()).isEqualTo(2);
        assertThat(range.err()).contains("--battery-kwh");
    }
}
