package io.sunsync.flight.cmd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sunsync.flight.cmd.param.ParameterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Builds the command and telemetry dictionary published retained on {@code sunsync/{sat}/dict}
 * (schema {@code dict.schema.json}): commands with their argument schemas from the
 * {@link CommandRegistry}, parameters, the housekeeping points with units read from the ICD's
 * own {@code hk.schema.json}, the event catalogue, and the reason codes. Thread safe.
 */
public final class CommandDictionary {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<EventDefinition> events = new CopyOnWriteArrayList<>();

    /** Adds events to the catalogue. */
    public void declare(List<EventDefinition> definitions) {
        events.addAll(definitions);
    }

    /** The dictionary message. */
    public Map<String, Object> build(String sat, String software, Instant now, CommandRegistry registry,
                                     ParameterRegistry parameters, ModeControl modes, String hkTopic) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("sat", sat);
        d.put("software", software);
        d.put("t", now.toString());
        d.put("icdVersion", 1);
        d.put("modes", modes.modes());
        List<Map<String, Object>> commands = new ArrayList<>();
        for (CommandSpec c : registry.all()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", c.name());
            m.put("description", c.description());
            m.put("critical", c.criticality());
            if (c.criticalWhenText() != null) {
                m.put("criticalWhen", c.criticalWhenText());
            }
            m.put("modes", List.copyOf(c.modes()));
            m.put("execution", c.execution().name());
            m.put("args", c.argsSchema());
            commands.add(m);
        }
        d.put("commands", commands);
        d.put("parameters", parameters.all().stream().map(ParameterRegistry::describe).toList());
        d.put("telemetry", List.of(Map.of("stream", "hk", "topic", hkTopic, "points", housekeepingPoints())));
        List<Map<String, Object>> ev = new ArrayList<>();
        for (EventDefinition e : events) {
            ev.add(Map.of("code", e.code(), "severity", e.severity().name(), "source", e.source(),
                    "description", e.description()));
        }
        d.put("events", ev);
        d.put("rejectReasons", Arrays.stream(RejectReason.values()).map(Enum::name).toList());
        d.put("failReasons", Arrays.stream(FailReason.values()).map(Enum::name).toList());
        return d;
    }

    /** Every leaf of hk.schema.json that carries an {@code x-unit}: path, type, unit, description. */
    static List<Map<String, Object>> housekeepingPoints() {
        JsonNode schema;
        try (InputStream in = CommandDictionary.class.getResourceAsStream("/icd/schemas/hk.schema.json")) {
            if (in == null) {
                throw new IllegalStateException("icd/schemas/hk.schema.json missing from the class path");
            }
            schema = JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Map<String, Object>> points = new ArrayList<>();
        collect(schema, schema.path("properties"), "", points);
        return points;
    }

    private static void collect(JsonNode root, JsonNode properties, String prefix, List<Map<String, Object>> out) {
        properties.fields().forEachRemaining(e -> {
            JsonNode p = e.getValue();
            String path = prefix + e.getKey();
            if (p.has("x-unit")) {
                String type = p.has("type") ? p.get("type").asText() : p.has("$ref") ? "number" : "enum";
                if (p.has("$ref") && p.get("$ref").asText().endsWith("quality")) {
                    type = "enum";
                }
                out.add(Map.of("path", path, "type", type, "unit", p.get("x-unit").asText(),
                        "description", p.path("description").asText("")));
            } else if (p.has("properties")) {
                collect(root, p.get("properties"), path + ".", out);
            } else if (p.has("anyOf")) {
                for (JsonNode alternative : p.get("anyOf")) { // an object that may be null
                    if (alternative.has("properties")) {
                        collect(root, alternative.get("properties"), path + ".", out);
                    }
                }
            }
        });
    }
}
