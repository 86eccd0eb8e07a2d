package io.sunsync.flight.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Properties of the strict spec parser over generated specs and generated junk. */
class JobSpecParserProperties {
    private static final ObjectMapper M = new ObjectMapper();

    record Head(String id, String owner, int priority, Instant deadline) {
    }

    @Provide
    Arbitrary<JobSpec> specs() {
        Arbitrary<String> names = Arbitraries.strings().withChars("abcXYZ019._-").ofMinLength(0).ofMaxLength(20)
                .map(s -> "j" + s);
        Arbitrary<Instant> deadlines = Arbitraries.longs().between(1_700_000_000L, 2_000_000_000L)
                .map(Instant::ofEpochSecond).injectNull(0.3);
        Arbitrary<BoardRequest> boards = Combinators.combine(Arbitraries.integers().between(1, BoardRequest.MAX_COUNT),
                Arbitraries.doubles().between(1, 2000).injectNull(0.5)).as(BoardRequest::new);
        Arbitrary<ProcessSpec> processes = Combinators.combine(
                Arbitraries.strings().ofMinLength(1).ofMaxLength(30).excludeChars('\0').filter(s -> !s.isBlank())
                        .list().ofMinSize(1).ofMaxSize(6),
                Arbitraries.maps(Arbitraries.strings().withChars("ABC_xyz").ofMinLength(1).ofMaxLength(8)
                                .filter(n -> !n.startsWith("SUNSYNC_") && !Character.isDigit(n.charAt(0))),
                        Arbitraries.strings().ofMaxLength(20).excludeChars('\0')).ofMaxSize(4),
                Arbitraries.of(WorkDirPolicy.class)).as(ProcessSpec::new);
        Arbitrary<Head> heads = Combinators.combine(names, names, Arbitraries.integers().between(0, 100), deadlines)
                .as(Head::new);
        Arbitrary<JobSpec> process = Combinators.combine(heads, boards, Arbitraries.doubles().between(0, 1e9).injectNull(0.5),
                Arbitraries.doubles().between(0.001, 1e6).ofScale(4).injectNull(0.5), processes, Arbitraries.of(true, false))
                .as((h, b, work, budget, p, cp) -> new JobSpec(h.id, h.owner, h.priority, h.deadline, b, work, budget,
                        JobKind.PROCESS, p, cp));
        Arbitrary<JobSpec> synthetic = Combinators.combine(heads, boards, Arbitraries.doubles().between(0.001, 1e9).ofScale(4),
                Arbitraries.of(true, false))
                .as((h, b, work, cp) -> new JobSpec(h.id, h.owner, h.priority, h.deadline, b, work, null,
                        JobKind.SYNTHETIC, null, cp));
        return Arbitraries.oneOf(process, synthetic);
    }

    @Property(tries = 300)
    void everyValidSpecSurvivesAJsonRoundTrip(@ForAll("specs") JobSpec spec) {
        assertThat(JobSpecParser.parseJson(JobSpecParser.toJson(spec))).isEqualTo(spec);
    }

    @Property(tries = 200)
    void anyExtraFieldIsRefusedAsUnknown(@ForAll("specs") JobSpec spec,
                                         @ForAll("fieldNames") String field) throws Exception {
        ObjectNode tree = (ObjectNode) M.readTree(JobSpecParser.toJson(spec));
        tree.put(field, 1);

        assertThat(catchThrowableOfType(JobSpecException.class, () -> JobSpecParser.parseJson(tree.toString())).reason())
                .isEqualTo(JobRejectReason.UNKNOWN_FIELD);
    }

    @Provide
    Arbitrary<String> fieldNames() {
        List<String> known = List.of("id", "owner", "priority", "deadline", "boards", "expectedWorkUnits",
                "energyBudgetWh", "kind", "process", "checkpointable");
        return Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(12).filter(f -> !known.contains(f));
    }

    @Property(tries = 200)
    void aNegativeBudgetIsAlwaysRefused(@ForAll("specs") JobSpec spec,
                                        @ForAll("negatives") double budget) throws Exception {
        ObjectNode tree = (ObjectNode) M.readTree(JobSpecParser.toJson(spec));
        tree.put("energyBudgetWh", budget);

        assertThat(catchThrowableOfType(JobSpecException.class, () -> JobSpecParser.parseJson(tree.toString())).reason())
                .isEqualTo(JobRejectReason.BAD_ENERGY_BUDGET);
    }

    @Provide
    Arbitrary<Double> negatives() {
        return Arbitraries.doubles().between(-1e12, 0);
    }

    @Property(tries = 500)
    void arbitraryTextIsEitherASpecOrARefusalNeverACrash(@ForAll("junk") String text) {
        try {
            JobSpec s = JobSpecParser.parseJson(text);
            assertThat(s.id()).matches(JobSpec.NAME);
        } catch (JobSpecException e) {
            assertThat(e.reason()).isNotNull();
        }
    }

    @Provide
    Arbitrary<String> junk() {
        Arbitrary<String> mutated = specs().map(JobSpecParser::toJson).flatMap(json -> Arbitraries.integers()
                .between(0, json.length() - 1).flatMap(pos -> Arbitraries.chars().map(c ->
                        json.substring(0, pos) + c + json.substring(pos + 1))));
        Arbitrary<String> cut = specs().map(JobSpecParser::toJson).flatMap(json ->
                Arbitraries.integers().between(0, json.length()).map(n -> json.substring(0, n)));
        return Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(200), mutated, cut,
                Arbitraries.of("null", "{}", "[]", "1", "\"x\"", "{\"id\":null}"));
    }

    @Property(tries = 100)
    void aSpecWithoutAnyRequiredFieldIsRefusedAsMissing(@ForAll("specs") JobSpec spec,
                                                        @ForAll("required") String field) throws Exception {
        ObjectNode tree = (ObjectNode) M.readTree(JobSpecParser.toJson(spec));
        tree.remove(field);

        JobRejectReason reason = catchThrowableOfType(JobSpecException.class,
                () -> JobSpecParser.parseJson(tree.toString())).reason();

        assertThat(reason).isEqualTo(JobRejectReason.MISSING_FIELD);
    }

    @Provide
    Arbitrary<String> required() {
        return Arbitraries.of("id", "owner", "boards", "kind");
    }
}
