package io.sunsync.sim.truth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.sunsync.sim.SimSatellite;
import io.sunsync.sim.control.StaticCapController;
import io.sunsync.sim.control.ScenarioRunner;
import io.sunsync.sim.scenario.Scenario;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TruthLogTest {

    @Test
    void truthLogHasAHeaderASampleEachPeriodAndAFinalRecordThatMatchesTheApi(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("out/truth.jsonl");
        Scenario sc = Scenario.reference().withDuration(7200);
        Truth truth = ScenarioRunner.run(sc, new StaticCapController(1000), new SimSatellite.Recording(60, 1000, file))
                .truth();
        List<String> lines = Files.readAllLines(file);
        List<JsonNode> json = lines.stream().map(l -> {
            try {
                return TruthLog.mapper().readTree(l);
            } catch (Exception e) {
                throw new AssertionError(l, e);
            }
        }).toList();
        assertThat(json.get(0).path("type").asText()).isEqualTo("header");
        assertThat(json.get(0).path("scenario").path("name").asText()).isEqualTo("reference");
        assertThat(json).filteredOn(n -> n.path("type").asText().equals("sample")).hasSize(121);
        JsonNode last = json.get(json.size() - 1);
        assertThat(last.path("type").asText()).isEqualTo("final");
        assertThat(last.path("workUnits").asDouble()).isEqualTo(truth.workUnits());
        assertThat(last.path("violationCounts").path("BROWN_OUT").asInt()).isEqualTo(truth.count(ViolationKind.BROWN_OUT));
        assertThat(truth.count(ViolationKind.BROWN_OUT)).isPositive();
        assertThat(last.path("violations").get(0).path("kind").asText()).isNotBlank();
        assertThat(truth.samples()).hasSize(121);
    }

    @Test
    void closingWithTheOracleWritesTheBoundAndTheRatioBeforeTheFinalLine(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("truth.jsonl");
        Scenario sc = Scenario.reference().withDuration(3600);
        Truth truth = ScenarioRunner.run(sc, new io.sunsync.sim.control.GreedyController(),
                new SimSatellite.Recording(600, 0, file, true)).truth();
        List<String> lines = Files.readAllLines(file);
        JsonNode oracle = TruthLog.mapper().readTree(lines.get(lines.size() - 2));
        assertThat(oracle.path("type").asText()).isEqualTo("oracle");
        assertThat(oracle.path("controllerWorkUnits").asDouble()).isEqualTo(truth.workUnits());
        assertThat(oracle.path("workUnits").asDouble()).isGreaterThanOrEqualTo(truth.workUnits());
        assertThat(oracle.path("ratio").asDouble()).isBetween(0.8, 1.0);
        assertThat(TruthLog.mapper().readTree(lines.get(lines.size() - 1)).path("type").asText()).isEqualTo("final");
    }
}
