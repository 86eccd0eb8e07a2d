package io.sunsync.ground.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PointCatalogTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private final PointCatalog builtIn = PointCatalog.builtIn();

    @Test
    void stateOfChargeWarnsNearTheFloorAndAlarmsBelowIt() {
        assertThat(builtIn.judge("power.socPct", F.numberNode(80.0))).isEqualTo(Level.NOMINAL);
        assertThat(builtIn.judge("power.socPct", F.numberNode(38.0))).isEqualTo(Level.WARNING);
        assertThat(builtIn.judge("power.socPct", F.numberNode(34.9))).isEqualTo(Level.ALARM);
        assertThat(builtIn.spec("power.socPct").unit()).isEqualTo("%");
    }

    @Test
    void aNaNReadingOfALimitedPointIsAWarning() {
        assertThat(builtIn.judge("thermal.maxZoneC", F.textNode("NaN"))).isEqualTo(Level.WARNING);
    }

    @Test
    void safeModeIsAnAlarmAndPowerSaveAWarning() {
        assertThat(builtIn.judge("mode", F.textNode("SAFE"))).isEqualTo(Level.ALARM);
        assertThat(builtIn.judge("mode", F.textNode("POWER_SAVE"))).isEqualTo(Level.WARNING);
        assertThat(builtIn.judge("mode", F.textNode("NOMINAL"))).isEqualTo(Level.NOMINAL);
    }

    @Test
    void unknownPointsGetTheirUnitFromTheirName() {
        assertThat(builtIn.spec("jobs.energyWh").unit()).isEqualTo("Wh");
        assertThat(builtIn.spec("jobs.queuedPowerW").unit()).isEqualTo("W");
        assertThat(builtIn.spec("x.inletTempC").unit()).isEqualTo("°C");
        assertThat(builtIn.spec("x.uptimeS").unit()).isEqualTo("s");
        assertThat(builtIn.spec("x.loadPct").unit()).isEqualTo("%");
        assertThat(builtIn.spec("jobs.running").unit()).isEmpty();
        assertThat(builtIn.judge("jobs.running", F.numberNode(1e9))).isEqualTo(Level.NOMINAL);
    }

    @Test
    void theDictionaryOverridesUnitsAndAddsLimits() throws Exception {
        JsonNode dict = JSON.readTree("""
                {"telemetry":[{"stream":"hk","topic":"sunsync/sat-001/tm/hk","points":[
                  {"path":"power.busV","type":"number","unit":"V","description":"bus","limits":{"alarmLow":100,"alarmHigh":140}},
                  {"path":"jobs.running","type":"integer","unit":"jobs","description":"running jobs","max":4}]},
                 {"stream":"evt","topic":"sunsync/sat-001/evt","points":[{"path":"power.busV","type":"number","unit":"mV","description":"x"}]}]}
                """);
        PointCatalog c = builtIn.withDictionary(dict);
        assertThat(c.spec("power.busV").unit()).isEqualTo("V");
        assertThat(c.judge("power.busV", F.numberNode(105.0))).isEqualTo(Level.WARNING); // built-in warnLow 114 kept
        assertThat(c.judge("power.busV", F.numberNode(135.0))).isEqualTo(Level.WARNING); // dictionary alarm 140 replaces 132
        assertThat(c.judge("power.busV", F.numberNode(99.0))).isEqualTo(Level.ALARM);
        assertThat(c.spec("jobs.running").unit()).isEqualTo("jobs");
        assertThat(c.judge("jobs.running", F.numberNode(5))).isEqualTo(Level.ALARM);
    }

    @Test
    void theOperatorsLimitsComeLast() {
        PointCatalog c = builtIn.withLimits(Map.of("power.socPct", new Limits(null, 50.0, null, null)));
        assertThat(c.judge("power.socPct", F.numberNode(45.0))).isEqualTo(Level.WARNING);
        assertThat(c.judge("power.socPct", F.numberNode(34.0))).isEqualTo(Level.ALARM);
    }

    @Test
    void anOperatorsLimitDropsAnInheritedLimitItContradicts() {
        Limits l = new Limits(35.0, 40.0, null, null).overlay(new Limits(50.0, null, null, null));
        assertThat(l).isEqualTo(new Limits(50.0, null, null, null));
        Limits h = new Limits(null, null, 80.0, 85.0).overlay(new Limits(null, null, 90.0, null));
        assertThat(h).isEqualTo(new Limits(null, null, 90.0, null));
    }

    @Test
    void framesFlattenToDottedPathsWithNamedArrayElements() throws Exception {
        JsonNode frame = JSON.readTree("""
                {"power":{"socPct":81.7},"rates":[{"name":"housekeeping","cycles":12}],"list":[1,2]}
                """);
        Map<String, JsonNode> flat = JsonPaths.flatten(frame);
        assertThat(flat).containsOnlyKeys("power.socPct", "rates.housekeeping.cycles", "list[0]", "list[1]");
        assertThat(JsonPaths.at(frame, "rates.housekeeping.cycles").asInt()).isEqualTo(12);
        assertThat(JsonPaths.at(frame, "power.socPct").asDouble()).isEqualTo(81.7);
        assertThat(JsonPaths.at(frame, "power.nope").isMissingNode()).isTrue();
    }

    @Test
    void plainOutputMarksWarningsAndAlarmsWithoutColour() {
        Highlighter plain = new Highlighter(false);
        assertThat(plain.paint("34.0", Level.ALARM)).isEqualTo("34.0!!");
        assertThat(plain.paint("38.0", Level.WARNING)).isEqualTo("38.0!");
        Highlighter ansi = new Highlighter(true);
        assertThat(ansi.paint("34.0", Level.ALARM)).contains("\u001b[1;31m");
        assertThat(Highlighter.strip(ansi.paint("34.0", Level.ALARM))).isEqualTo("34.0");
    }
}
