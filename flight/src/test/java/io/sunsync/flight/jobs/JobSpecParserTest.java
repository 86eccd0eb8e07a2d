package io.sunsync.flight.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JobSpecParserTest {

    static final String VALID = """
            {"id": "train-042", "owner": "team-a", "priority": 70, "deadline": "2027-06-22T00:00:00Z",
             "boards": {"count": 2, "minCapW": 500}, "expectedWorkUnits": 3600, "energyBudgetWh": 2000,
             "kind": "process", "checkpointable": true,
             "process": {"command": ["python3", "train.py", "--epochs", "3"], "env": {"BATCH": "64"}, "workDir": "keep"}}
            """;

    static JobRejectReason refusal(String json) {
        return catchThrowableOfType(JobSpecException.class, () -> JobSpecParser.parseJson(json)).reason();
    }

    @Test
    void aCompleteJsonSpecParsesIntoEveryField() {
        JobSpec s = JobSpecParser.parseJson(VALID);

        assertThat(s.id()).isEqualTo("train-042");
        assertThat(s.owner()).isEqualTo("team-a");
        assertThat(s.priority()).isEqualTo(70);
        assertThat(s.deadline()).isEqualTo(Instant.parse("2027-06-22T00:00:00Z"));
        assertThat(s.boards()).isEqualTo(new BoardRequest(2, 500.0));
        assertThat(s.expectedWorkUnits()).isEqualTo(3600.0);
        assertThat(s.energyBudgetWh()).isEqualTo(2000.0);
        assertThat(s.kind()).isEqualTo(JobKind.PROCESS);
        assertThat(s.checkpointable()).isTrue();
        assertThat(s.process().command()).containsExactly("python3", "train.py", "--epochs", "3");
        assertThat(s.process().env()).containsExactly(Map.entry("BATCH", "64"));
        assertThat(s.process().workDir()).isEqualTo(WorkDirPolicy.KEEP);
        assertThat(JobSpecParser.parseJson(JobSpecParser.toJson(s))).isEqualTo(s);
    }

    @Test
    void aYamlSpecWithDefaultsParses() {
        JobSpec s = JobSpecParser.parseYaml("""
                id: sim-1
                owner: team-b
                kind: synthetic
                boards: {count: 1}
                expectedWorkUnits: 600
                """);

        assertThat(s.priority()).isEqualTo(JobSpec.DEFAULT_PRIORITY);
        assertThat(s.checkpointable()).isFalse();
        assertThat(s.deadline()).isNull();
        assertThat(s.energyBudgetWh()).isNull();
        assertThat(s.process()).isNull();
    }

    @Test
    void aCheckSectionParsesWithItsDefaults() {
        JobSpec sampled = JobSpecParser.parseYaml("""
                id: sim-2
                owner: team-b
                kind: synthetic
                boards: {count: 2}
                expectedWorkUnits: 600
                check: {items: 200, sample: {}}
                """);
        JobSpec verified = JobSpecParser.parseYaml("""
                id: p-2
                owner: team-b
                kind: process
                boards: {count: 1}
                process: {command: [python3, solve.py]}
                check:
                  verifier: {command: [python3, residual.py, --tol, "1e-9"]}
                """);

        assertThat(sampled.check()).isEqualTo(new CheckSpec(200, null, new CheckSpec.Sample(0.05)));
        assertThat(sampled.items()).isEqualTo(200);
        assertThat(verified.check().verifier().command()).containsExactly("python3", "residual.py", "--tol", "1e-9");
        assertThat(verified.check().verifier().timeoutS()).isEqualTo(60.0);
        assertThat(verified.items()).isNull();
        assertThat(JobSpecParser.parseJson(JobSpecParser.toJson(sampled))).isEqualTo(sampled);
        assertThat(JobSpecParser.parseJson(JobSpecParser.toJson(verified))).isEqualTo(verified);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            unknown field           | {"id":"a","owner":"o","kind":"synthetic","boards":{"count":1},"expectedWorkUnits":1,"gpu":"h100"}                         | UNKNOWN_FIELD
            unknown nested field    | {"id":"a","owner":"o","kind":"synthetic","boards":{"count":1,"type":"x"},"expectedWorkUnits":1}                         | UNKNOWN_FIELD
            missing command         | {"id":"a","owner":"o","kind":"process","boards":{"count":1}}                                                           | MISSING_COMMAND
            empty command           | {"id":"a","owner":"o","kind":"process","boards":{"count":1},"process":{"command":[]}}                                   | MISSING_COMMAND
            blank program           | {"id":"a","owner":"o","kind":"process","boards":{"count":1},"process":{"command":[" "]}}                                | MISSING_COMMAND
            zero boards             | {"id":"a","owner":"o","kind":"synthetic","boards":{"count":0},"expectedWorkUnits":1}                                    | BAD_BOARD_COUNT
            too many boards         | {"id":"a","owner":"o","kind":"synthetic","boards":{"count":5000},"expectedWorkUnits":1}                                 | BAD_BOARD_COUNT
            negative budget         | {"id":"a","owner":"o","kind":"synthetic","boards":{"count":1},"expectedWorkUnits":1,"energyBudgetWh":-5}                | BAD_ENERGY_BUDGET
            zero budget             | {"id":"a","owner":"o","kind":"synthetic","boards":{"count":1},"expectedWorkUnits":1,"energyBudgetWh":0}                 | BAD_ENERGY_BUDGET
            negative min cap        | {"id":"a","owner":"o","kind":"synthetic","boards":{"count":1,"minCapW":-1},"expectedWorkUnits":1}                       | BAD_MIN_CAP
            number as string        | {"id":"a","owner":"o","kind":"synthetic","boards":{"count":"2"},"expectedWorkUnits":1}                                  | BAD_VALUE
            string as number        | {"id":7,"owner":"o","kind":"synthetic","boards":{"count":1},"expectedWorkUnits":1}                                      | BAD_VALUE
            float as integer        | {"id":"a","owner":"o","kind":"synthetic","boards":{"count":1.5},"expectedWorkUnits":1}                                  | BAD_VALUE
            unknown kind            | {"id":"a","owner":"o","kind":"container","boards":{"count":1}}                                                          | BAD_VALUE
            bad deadline            | {"id":"a","owner":"o","kind":"synthetic","boards":{"count":1},"expectedWorkUnits":1,"deadline":"tomorrow"}              | BAD_VALUE
            missing id              | {"owner":"o","kind":"synthetic","boards":{"count":1},"expectedWorkUnits":1}                                             | MISSING_FIELD
            missing boards          | {"id":"a","owner":"o","kind":"synthetic","expectedWorkUnits":1}                                                         | MISSING_FIELD
            path in id              | {"id":"../etc","owner":"o","kind":"synthetic","boards":{"count":1},"expectedWorkUnits":1}                               | BAD_ID
            bad owner               | {"id":"a","owner":"o/p","kind":"synthetic","boards":{"count":1},"expectedWorkUnits":1}                                  | BAD_OWNER
            priority too high       | {"id":"a","owner":"o","priority":101,"kind":"synthetic","boards":{"count":1},"expectedWorkUnits":1}                     | BAD_PRIORITY
            synthetic without work  | {"id":"a","owner":"o","kind":"synthetic","boards":{"count":1}}                                                          | BAD_WORK_UNITS
            synthetic with process  | {"id":"a","owner":"o","kind":"synthetic","boards":{"count":1},"expectedWorkUnits":1,"process":{"command":["x"]}}        | KIND_MISMATCH
            reserved env            | {"id":"a","owner":"o","kind":"process","boards":{"count":1},"process":{"command":["x"],"env":{"SUNSYNC_JOB_ID":"z"}}}   | BAD_ENV
            cuda env                | {"id":"a","owner":"o","kind":"process","boards":{"count":1},"process":{"command":["x"],"env":{"CUDA_VISIBLE_DEVICES":"0"}}} | BAD_ENV
            bad env name            | {"id":"a","owner":"o","kind":"process","boards":{"count":1},"process":{"command":["x"],"env":{"A-B":"z"}}}              | BAD_ENV
            check with neither      | {"id":"a","owner":"o","kind":"synthetic","boards":{"count":1},"expectedWorkUnits":1,"check":{"items":4}}                | BAD_CHECK
            check with both         | {"id":"a","owner":"o","kind":"synthetic","boards":{"count":1},"expectedWorkUnits":1,"check":{"items":4,"sample":{},"verifier":{"command":["v"]}}} | BAD_CHECK
            sample without items    | {"id":"a","owner":"o","kind":"synthetic","boards":{"count":1},"expectedWorkUnits":1,"check":{"sample":{"fraction":0.1}}} | BAD_CHECK
            sample fraction zero    | {"id":"a","owner":"o","kind":"synthetic","boards":{"count":1},"expectedWorkUnits":1,"check":{"items":4,"sample":{"fraction":0}}} | BAD_CHECK
            zero items              | {"id":"a","owner":"o","kind":"synthetic","boards":{"count":1},"expectedWorkUnits":1,"check":{"items":0,"sample":{}}}   | BAD_CHECK
            verifier timeout        | {"id":"a","owner":"o","kind":"synthetic","boards":{"count":1},"expectedWorkUnits":1,"check":{"verifier":{"command":["v"],"timeoutS":0}}} | BAD_CHECK
            verifier no command     | {"id":"a","owner":"o","kind":"synthetic","boards":{"count":1},"expectedWorkUnits":1,"check":{"verifier":{"command":[]}}} | MISSING_COMMAND
            unknown check field     | {"id":"a","owner":"o","kind":"synthetic","boards":{"count":1},"expectedWorkUnits":1,"check":{"items":4,"sample":{},"tmr":true}} | UNKNOWN_FIELD
            duplicate key           | {"id":"a","id":"b","owner":"o","kind":"synthetic","boards":{"count":1},"expectedWorkUnits":1}                           | MALFORMED
            not an object           | [1,2,3]                                                                                                                 | MALFORMED
            syntax error            | {"id":"a",                                                                                                              | MALFORMED
            trailing data           | {"id":"a","owner":"o","kind":"synthetic","boards":{"count":1},"expectedWorkUnits":1} {}                                 | MALFORMED
            """)
    void badSpecsAreRefusedWithTheirCode(String what, String json, JobRejectReason expected) {
        assertThat(refusal(json)).as(what).isEqualTo(expected);
    }

    @Test
    void theRefusalNamesTheField() {
        JobSpecException e = catchThrowableOfType(JobSpecException.class, () -> JobSpecParser.parseJson(
                "{\"id\":\"a\",\"owner\":\"o\",\"kind\":\"synthetic\",\"boards\":{\"count\":0},\"expectedWorkUnits\":1}"));

        assertThat(e.field()).isEqualTo("boards.count");
        assertThat(e.getMessage()).contains("boards.count").contains("was 0");
    }

    @Test
    void anOversizedSpecIsRefusedBeforeParsing() {
        String big = "{\"id\":\"a\",\"owner\":\"o\",\"kind\":\"process\",\"boards\":{\"count\":1},\"process\":{\"command\":[\""
                + "x".repeat(JobSpecParser.MAX_SPEC_BYTES) + "\"]}}";

        assertThat(refusal(big)).isEqualTo(JobRejectReason.MALFORMED);
    }

    @Test
    void tooManyArgumentsAreRefused() {
        JobSpecException e = catchThrowableOfType(JobSpecException.class, () -> new ProcessSpec(
                java.util.Collections.nCopies(ProcessSpec.MAX_ARGS + 1, "a"), null, null));

        assertThat(e.reason()).isEqualTo(JobRejectReason.BAD_COMMAND);
        assertThat(new ProcessSpec(List.of("a"), null, null).workDir()).isEqualTo(WorkDirPolicy.FRESH);
    }
}
