package io.sunsync.ground.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Arguments typed and checked against the ICD's own argument schemas (docs/icd/schemas/args). */
class ArgumentsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private static CommandDefinition command(String name, String critical, List<String> modes) throws Exception {
        JsonNode schema = JSON.readTree(Path.of("../docs/icd/schemas/args/" + name + ".schema.json").toFile());
        return new CommandDefinition(name, "", critical, "", modes, "IMMEDIATE", schema);
    }

    private static Refusal refusal(CommandDefinition c, String... words) {
        try {
            Arguments.check(c, Arguments.parse(c, List.of(words)));
            return null;
        } catch (RefusedException e) {
            return e.code();
        }
    }

    @Test
    void wordsAreTypedByTheSchema() throws Exception {
        CommandDefinition cap = command("board.cap", "never", List.of());
        JsonNode args = Arguments.parse(cap, List.of("board=board-03", "capW=800"));
        assertThat(args.path("board").isTextual()).isTrue();
        assertThat(args.path("capW").isNumber()).isTrue();
        assertThat(args.path("capW").asDouble()).isEqualTo(800.0);
        CommandDefinition set = command("param.set", "never", List.of());
        assertThat(Arguments.parse(set, List.of("name=x", "value=true")).path("value").isBoolean()).isTrue();
        assertThat(Arguments.parse(set, List.of("name=x", "value=2.5")).path("value").isNumber()).isTrue();
        assertThat(Arguments.parse(set, List.of("name=x", "value=fast")).path("value").asText()).isEqualTo("fast");
        assertThat(Arguments.parse(set, List.of("name=x", "value:=\"42\"")).path("value").isTextual()).isTrue();
    }

    @Test
    void aValueCanComeFromAFileAsOrbitElementsDo() throws Exception {
        CommandDefinition elements = command("orbit.elements", "never", List.of());
        String tle = """
                SUNSYNC-1
                1 67001U 27042A   27171.00000000  .00000000  00000-0  25000-4 0  9998
                2 67001  97.9860 178.2536 0001000  90.0000   0.0000 14.73473854 12006
                """;
        Path file = dir.resolve("sunsync-1.tle");
        Files.writeString(file, tle);
        JsonNode args = Arguments.parse(elements, List.of("elements=@" + file));
        assertThat(args.path("elements").asText()).isEqualTo(tle);
        assertThat(refusal(elements, "elements=@" + file)).isNull();
        assertThat(refusal(elements, "elements=@" + dir.resolve("missing.tle"))).isEqualTo(Refusal.BAD_ARGUMENT);
        Files.write(dir.resolve("big.omm"), new byte[(int) Arguments.MAX_FILE_BYTES + 1]);
        assertThat(refusal(elements, "elements=@" + dir.resolve("big.omm"))).isEqualTo(Refusal.BAD_ARGUMENT);
        Files.writeString(dir.resolve("long.omm"), "x".repeat(9000)); // over the dictionary's maxLength
        assertThat(refusal(elements, "elements=@" + dir.resolve("long.omm"))).isEqualTo(Refusal.OUT_OF_RANGE);
    }

    @Test
    void mistakesAreRefusedWithTheirCode() throws Exception {
        CommandDefinition cap = command("board.cap", "never", List.of());
        assertThat(refusal(cap, "board=board-03", "capW=800")).isNull();
        assertThat(refusal(cap, "board=board-03", "capW=100001")).isEqualTo(Refusal.OUT_OF_RANGE);
        assertThat(refusal(cap, "board=board-03", "capW=0")).isEqualTo(Refusal.OUT_OF_RANGE);
        assertThat(refusal(cap, "board=board-03", "capW=eight")).isEqualTo(Refusal.BAD_ARGUMENT);
        assertThat(refusal(cap, "board=board-03")).isEqualTo(Refusal.MISSING_ARGUMENT);
        assertThat(refusal(cap, "board=board-03", "capW=800", "boost=1")).isEqualTo(Refusal.UNKNOWN_ARGUMENT);
        assertThat(refusal(cap, "board=board-03", "board=board-04", "capW=1")).isEqualTo(Refusal.BAD_ARGUMENT);
        assertThat(refusal(cap, "capW")).isEqualTo(Refusal.BAD_ARGUMENT);
        CommandDefinition mode = command("mode.set", "always", List.of());
        assertThat(refusal(mode, "mode=SAFE")).isNull();
        assertThat(refusal(mode, "mode=PANIC")).isEqualTo(Refusal.OUT_OF_RANGE);
    }

    @Test
    void theMessageNamesTheArgumentItsLimitAndUnit() throws Exception {
        CommandDefinition cap = command("board.cap", "never", List.of());
        assertThatThrownBy(() -> Arguments.check(cap, Arguments.parse(cap, List.of("board=b", "capW=200000"))))
                .isInstanceOfSatisfying(RefusedException.class, e -> assertThat(e.getMessage())
                        .contains("capW").contains("100000").endsWith("W"));
    }

    @Test
    void aDictionaryDescribesItsCommands() throws Exception {
        JsonNode dict = JSON.readTree("""
                {"sat":"sat-001","software":"sunsync-flight 0.1.0","commands":[
                 {"name":"job.submit","description":"Submits a job","critical":"never","modes":["NOMINAL","POWER_SAVE"],
                  "execution":"IMMEDIATE","args":{"type":"object","properties":{"spec":{"type":"object"}},"required":["spec"]}}]}
                """);
        CommandDictionary d = CommandDictionary.of(dict);
        CommandDefinition submit = d.command("job.submit").orElseThrow();
        assertThat(submit.allowedIn("SAFE")).isFalse();
        assertThat(submit.allowedIn("NOMINAL")).isTrue();
        assertThat(submit.argNames()).isEqualTo(Map.of("spec", true));
        assertThat(submit.describe()).contains("spec: object").contains("NOMINAL, POWER_SAVE");
        assertThat(d.command("nope")).isEmpty();
    }

    @Test
    void sequenceNumbersOnlyGoUpAndStayAboveTheSatellites() throws Exception {
        SequenceCounter c = new SequenceCounter(dir);
        assertThat(c.next("sat-001", 1)).isEqualTo(1);
        assertThat(c.next("sat-001", 1)).isEqualTo(2);
        assertThat(c.peek("sat-001", 1)).isEqualTo(3);
        assertThat(c.next("sat-001", 1000)).isEqualTo(1000);
        assertThat(new SequenceCounter(dir).next("sat-001", 5)).isEqualTo(1001);
        assertThat(c.next("sat-002", 1)).isEqualTo(1);
        Files.writeString(dir.resolve("tc-seq/sat-003"), "garbage");
        assertThatThrownBy(() -> c.next("sat-003", 1)).isInstanceOfSatisfying(RefusedException.class,
                e -> assertThat(e.code()).isEqualTo(Refusal.SEQUENCE_STORE));
    }
}
