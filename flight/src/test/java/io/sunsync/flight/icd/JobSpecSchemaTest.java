package io.sunsync.flight.icd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sunsync.flight.jobs.BoardRequest;
import io.sunsync.flight.jobs.CheckSpec;
import io.sunsync.flight.jobs.JobSpec;
import io.sunsync.flight.jobs.JobSpecParser;
import io.sunsync.flight.jobs.ProcessSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The job spec's schema in the ICD ({@code docs/icd/schemas/job-spec.schema.json}) against the
 * parser flight uses: the same fields at every level, and specs the parser accepts (or refuses)
 * the schema accepts (or refuses) too.
 */
class JobSpecSchemaTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SCHEMA = "job-spec.schema.json";

    private static Set<String> components(Class<?> record) {
        return Arrays.stream(record.getRecordComponents()).map(c -> c.getName()).collect(Collectors.toCollection(TreeSet::new));
    }

    private static Set<String> properties(JsonNode node) {
        Set<String> out = new TreeSet<>();
        node.path("properties").fieldNames().forEachRemaining(out::add);
        return out;
    }

    @Test
    void theSchemaHasTheFieldsOfTheSpecAtEveryLevel() throws Exception {
        JsonNode s = JSON.readTree(Files.readString(Path.of("..", "docs", "icd", "schemas", SCHEMA)));

        assertThat(properties(s)).isEqualTo(components(JobSpec.class));
        assertThat(properties(s.path("properties").path("boards"))).isEqualTo(components(BoardRequest.class));
        assertThat(properties(s.path("properties").path("process"))).isEqualTo(components(ProcessSpec.class));
        JsonNode check = s.path("properties").path("check");
        assertThat(properties(check)).isEqualTo(components(CheckSpec.class));
        assertThat(properties(check.path("properties").path("verifier"))).isEqualTo(components(CheckSpec.Verifier.class));
        assertThat(properties(check.path("properties").path("sample"))).isEqualTo(components(CheckSpec.Sample.class));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"id\":\"a\",\"owner\":\"o\",\"kind\":\"synthetic\",\"boards\":{\"count\":1},\"expectedWorkUnits\":5}",
        "{\"id\":\"train-042\",\"owner\":\"team-a\",\"priority\":70,\"deadline\":\"2027-06-22T00:00:00Z\",\"boards\":{\"count\":2,"
                + "\"minCapW\":500},\"expectedWorkUnits\":3600,\"energyBudgetWh\":2000,\"kind\":\"process\",\"checkpointable\":true,"
                + "\"process\":{\"command\":[\"python3\",\"train.py\"],\"env\":{\"BATCH\":\"64\"},\"workDir\":\"fresh\"}}",
        "{\"id\":\"s\",\"owner\":\"o\",\"kind\":\"synthetic\",\"boards\":{\"count\":1},\"expectedWorkUnits\":5,"
                + "\"check\":{\"items\":100,\"sample\":{\"fraction\":0.05}}}",
        "{\"id\":\"s\",\"owner\":\"o\",\"kind\":\"synthetic\",\"boards\":{\"count\":1},\"expectedWorkUnits\":5,\"check\":{\"items\":8,\"sample\":{}}}",
        "{\"id\":\"v\",\"owner\":\"o\",\"kind\":\"process\",\"boards\":{\"count\":1},\"process\":{\"command\":[\"solve\"]},"
                + "\"check\":{\"verifier\":{\"command\":[\"residual\",\"--tol\",\"1e-9\"],\"timeoutS\":30}}}"
    })
    void specsTheParserTakesTheSchemaTakes(String spec) {
        assertThat(catchThrowable(() -> JobSpecParser.parseJson(spec))).isNull();
        assertThat(IcdSchemas.validate(SCHEMA, spec)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"id\":\"a\",\"owner\":\"o\",\"kind\":\"synthetic\",\"boards\":{\"count\":1},\"gpu\":\"h100\"}",
        "{\"id\":\"../x\",\"owner\":\"o\",\"kind\":\"synthetic\",\"boards\":{\"count\":1},\"expectedWorkUnits\":5}",
        "{\"id\":\"a\",\"owner\":\"o\",\"kind\":\"synthetic\",\"boards\":{\"count\":0},\"expectedWorkUnits\":5}",
        "{\"id\":\"a\",\"owner\":\"o\",\"kind\":\"synthetic\",\"boards\":{\"count\":1},\"expectedWorkUnits\":5,\"check\":{\"items\":4}}",
        "{\"id\":\"a\",\"owner\":\"o\",\"kind\":\"synthetic\",\"boards\":{\"count\":1},\"expectedWorkUnits\":5,"
                + "\"check\":{\"items\":4,\"sample\":{},\"verifier\":{\"command\":[\"v\"]}}}",
        "{\"id\":\"a\",\"owner\":\"o\",\"kind\":\"synthetic\",\"boards\":{\"count\":1},\"expectedWorkUnits\":5,\"check\":{\"sample\":{}}}",
        "{\"id\":\"a\",\"owner\":\"o\",\"kind\":\"synthetic\",\"boards\":{\"count\":1},\"expectedWorkUnits\":5,"
                + "\"check\":{\"items\":4,\"sample\":{\"fraction\":1.5}}}",
        "{\"id\":\"a\",\"owner\":\"o\",\"kind\":\"process\",\"boards\":{\"count\":1},\"process\":{\"command\":[\"x\"],"
                + "\"env\":{\"SUNSYNC_JOB_ID\":\"z\"}}}"
    })
    void specsTheParserRefusesTheSchemaRefuses(String spec) {
        assertThat(catchThrowable(() -> JobSpecParser.parseJson(spec))).isNotNull();
        assertThat(IcdSchemas.validate(SCHEMA, spec)).isNotEmpty();
    }
}
