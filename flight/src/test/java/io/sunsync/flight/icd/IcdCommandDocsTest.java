package io.sunsync.flight.icd;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.sunsync.flight.app.FlightApplication;
import io.sunsync.flight.app.FlightConfig;
import io.sunsync.flight.cmd.ArgSpec;
import io.sunsync.flight.cmd.CommandSpec;
import io.sunsync.flight.cmd.Commanding;
import io.sunsync.testkit.SimSatelliteConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command list in docs/icd/commands.md and each command's argument schema in
 * docs/icd/schemas/args/ are generated from the registry of a flight build on the sim backend;
 * this test fails when they are stale. Regenerate with
 * {@code mvn -pl flight test -Dtest=IcdCommandDocsTest -Dsunsync.icd.write=true}.
 */
class IcdCommandDocsTest {
    private static final Path ICD = Path.of("..", "docs", "icd");
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    static Commanding commandingOfASimBuild(Path dir) throws Exception {
        Files.writeString(dir.resolve("keys.json"), "{\"sat\":\"sat-001\",\"keys\":[{\"id\":1,\"hex\":\""
                + "ab".repeat(32) + "\"}]}");
        Files.writeString(dir.resolve("tm-keys.json"), "{\"sat\":\"sat-001\",\"keys\":[{\"id\":1,\"hex\":\""
                + "cd".repeat(32) + "\"}]}");
        Path file = SimSatelliteConfig.write(dir, """
                satellite: {id: sat-001}
                link: {broker: "tcp://127.0.0.1:1", telemetryKeyFile: tm-keys.json}
                commanding: {keyFile: keys.json, stateDir: state}
                jobs: {dataDir: jobs}
                """, "boards: 4");
        return new FlightApplication(FlightConfig.load(file), dir).commanding().orElseThrow();
    }

    static String markdown(List<CommandSpec> commands) {
        StringBuilder md = new StringBuilder();
        md.append("# Interface control document: the command set\n\n");
        md.append("Generated from the command registry of a flight build on the sim backend by\n");
        md.append("`IcdCommandDocsTest` (which fails when this file is stale). The satellite's own dictionary\n");
        md.append("(`sunsync/{sat}/dict`) is the authority for a given build. Argument schemas:\n");
        md.append("[`schemas/args/`](schemas/args/). Envelope, signing and reports: [`commanding.md`](commanding.md).\n\n");
        md.append("| command | critical | executes | modes | arguments | what it does |\n");
        md.append("|---------|----------|----------|-------|-----------|--------------|\n");
        for (CommandSpec c : commands) {
            String critical = switch (c.criticality()) {
                case "always" -> "yes";
                case "never" -> "no";
                default -> "when " + c.criticalWhenText();
            };
            String args = c.args().isEmpty() ? "—" : c.args().stream().map(IcdCommandDocsTest::arg)
                    .collect(Collectors.joining("<br>"));
            md.append("| `").append(c.name()).append("` | ").append(critical).append(" | ")
                    .append(c.execution() == CommandSpec.Execution.IMMEDIATE ? "on receipt" : "control loop").append(" | ")
                    .append(c.modes().isEmpty() ? "all" : String.join(", ", new TreeMap<>(c.modes().stream()
                            .collect(Collectors.toMap(m -> m, m -> m))).keySet()))
                    .append(" | ").append(args).append(" | ").append(c.description()).append(" |\n");
        }
        return md.toString();
    }

    private static String arg(ArgSpec a) {
        StringBuilder s = new StringBuilder("`").append(a.name()).append("`");
        s.append(a.required() ? "" : " (optional)").append(": ").append(a.type());
        if (a.min() != null || a.max() != null) {
            s.append(" ").append(num(a.min())).append("…").append(num(a.max()));
        }
        if (!a.unit().isEmpty()) {
            s.append(" ").append(a.unit());
        }
        if (!a.values().isEmpty()) {
            s.append(" ").append(String.join("\\|", a.values()));
        }
        return s.toString();
    }

    private static String num(Double d) {
        return d == null ? "" : d == Math.rint(d) ? Long.toString(d.longValue()) : d.toString();
    }

    @Test
    void theCommandListAndArgumentSchemasInDocsMatchTheRegistry(@TempDir Path dir) throws Exception {
        List<CommandSpec> commands = commandingOfASimBuild(dir).registry().all();
        Map<Path, String> expected = new TreeMap<>();
        expected.put(ICD.resolve("commands.md"), markdown(commands));
        for (CommandSpec c : commands) {
            Map<String, Object> schema = new java.util.LinkedHashMap<>();
            schema.put("$schema", "https://json-schema.org/draft/2020-12/schema");
            schema.put("$id", "https://sunsync.dev/icd/schemas/args/" + c.name() + ".schema.json");
            c.argsSchema().forEach(schema::putIfAbsent);
            expected.put(ICD.resolve("schemas/args/" + c.name() + ".schema.json"), JSON.writeValueAsString(schema) + "\n");
        }
        if (Boolean.getBoolean("sunsync.icd.write")) {
            Path args = ICD.resolve("schemas/args");
            Files.createDirectories(args);
            try (Stream<Path> old = Files.list(args)) {
                for (Path p : old.toList()) {
                    Files.delete(p);
                }
            }
            for (Map.Entry<Path, String> e : expected.entrySet()) {
                Files.writeString(e.getKey(), e.getValue());
            }
        }
        List<String> stale = new ArrayList<>();
        for (Map.Entry<Path, String> e : expected.entrySet()) {
            String actual = Files.exists(e.getKey()) ? Files.readString(e.getKey(), StandardCharsets.UTF_8) : "";
            if (!actual.equals(e.getValue())) {
                stale.add(e.getKey().toString());
            }
        }
        try (Stream<Path> present = Files.list(ICD.resolve("schemas/args"))) {
            present.filter(p -> !expected.containsKey(p)).forEach(p -> stale.add(p + " (no such command)"));
        }
        assertThat(stale).as("stale ICD files; regenerate with -Dsunsync.icd.write=true").isEmpty();
        // and each argument schema is itself a valid draft 2020-12 schema the validator compiles
        for (CommandSpec c : commands) {
            IcdSchemas.compile(JSON.writeValueAsString(c.argsSchema()));
        }
    }
}
