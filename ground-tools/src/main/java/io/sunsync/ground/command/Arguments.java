package io.sunsync.ground.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Turns an operator's {@code key=value} words into a command's JSON arguments, typed by the
 * command's argument schema from the dictionary ({@code key:=JSON} passes a JSON value as is;
 * {@code key=@FILE} and {@code key:=@FILE} take the value from a file, e.g. a TLE or an OMM),
 * and checks them against that schema (JSON Schema 2020-12: types, ranges, enums, patterns,
 * required and unknown arguments) before anything is sent. Stateless; thread safe.
 */
public final class Arguments {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    private static final Set<String> RANGE = Set.of("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum",
            "enum", "const", "minLength", "maxLength", "minItems", "maxItems", "multipleOf");

    private Arguments() {
    }

    /**
     * Parses {@code words} ({@code key=value} or {@code key:=JSON}) for {@code cmd}.
     *
     * @throws RefusedException {@link Refusal#BAD_ARGUMENT} or {@link Refusal#UNKNOWN_ARGUMENT}
     */
    public static ObjectNode parse(CommandDefinition cmd, List<String> words) throws RefusedException {
        ObjectNode args = JSON.createObjectNode();
        for (String w : words) {
            int eq = w.indexOf('=');
            if (eq <= 0) {
                throw new RefusedException(Refusal.BAD_ARGUMENT, "'" + w + "' is not key=value (or key:=JSON)");
            }
            boolean raw = w.charAt(eq - 1) == ':';
            String key = w.substring(0, raw ? eq - 1 : eq);
            String text = w.substring(eq + 1);
            if (text.startsWith("@")) {
                text = file(key, text.substring(1));
            }
            if (args.has(key)) {
                throw new RefusedException(Refusal.BAD_ARGUMENT, key + ": given twice");
            }
            JsonNode schema = cmd.argSchema(key);
            if (schema.isMissingNode()) {
                if (cmd.args().path("additionalProperties").asBoolean(true)) {
                    args.set(key, raw ? json(key, text) : guess(text));
                    continue;
                }
                throw new RefusedException(Refusal.UNKNOWN_ARGUMENT, cmd.name() + " takes no argument '" + key + "'"
                        + (cmd.argNames().isEmpty() ? " (it takes none)" : " (it takes: " + String.join(", ", cmd.argNames().keySet()) + ")"));
            }
            args.set(key, raw ? json(key, text) : typed(key, text, schema));
        }
        return args;
    }

    /** Largest file {@code key=@FILE} reads, in bytes. */
    static final long MAX_FILE_BYTES = 1 << 20;

    /** The content of {@code file} (UTF-8), for {@code key=@FILE}. */
    private static String file(String key, String file) throws RefusedException {
        Path p = Path.of(file);
        try {
            if (Files.size(p) > MAX_FILE_BYTES) {
                throw new RefusedException(Refusal.BAD_ARGUMENT, key + ": " + file + " is larger than " + MAX_FILE_BYTES
                        + " bytes");
            }
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new RefusedException(Refusal.BAD_ARGUMENT, key + ": cannot read " + file + " (" + e.getMessage() + ")");
        }
    }

    private static JsonNode typed(String key, String text, JsonNode schema) throws RefusedException {
        List<String> types = new ArrayList<>();
        if (schema.path("type").isArray()) {
            schema.path("type").forEach(t -> types.add(t.asText()));
        } else if (schema.has("type")) {
            types.add(schema.path("type").asText());
        }
        if (types.isEmpty()) {
            return guess(text);
        }
        for (String t : types) {
            JsonNode v = as(t, text);
            if (v != null) {
                return v;
            }
        }
        throw new RefusedException(Refusal.BAD_ARGUMENT, key + ": '" + text + "' is not " + String.join(" or ", types));
    }

    private static JsonNode as(String type, String text) {
        try {
            return switch (type) {
                case "integer" -> JSON.getNodeFactory().numberNode(Long.parseLong(text.trim()));
                case "number" -> {
                    double d = Double.parseDouble(text.trim());
                    yield Double.isFinite(d) ? JSON.getNodeFactory().numberNode(d) : null;
                }
                case "boolean" -> text.equals("true") || text.equals("false")
                        ? JSON.getNodeFactory().booleanNode(Boolean.parseBoolean(text)) : null;
                case "string" -> JSON.getNodeFactory().textNode(text);
                case "object", "array" -> {
                    JsonNode n = JSON.readTree(text);
                    yield n != null && (type.equals("object") ? n.isObject() : n.isArray()) ? n : null;
                }
                case "null" -> text.equals("null") ? JSON.getNodeFactory().nullNode() : null;
                default -> null;
            };
        } catch (NumberFormatException | IOException e) {
            return null;
        }
    }

    private static JsonNode guess(String text) {
        try {
            JsonNode n = JSON.readTree(text);
            return n == null ? JSON.getNodeFactory().textNode(text) : n;
        } catch (IOException e) {
            return JSON.getNodeFactory().textNode(text);
        }
    }

    private static JsonNode json(String key, String text) throws RefusedException {
        try {
            JsonNode n = JSON.readTree(text);
            if (n == null) {
                throw new RefusedException(Refusal.BAD_ARGUMENT, key + ": empty JSON");
            }
            return n;
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new RefusedException(Refusal.BAD_ARGUMENT, key + ": not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new RefusedException(Refusal.BAD_ARGUMENT, key + ": not JSON: " + e.getMessage());
        }
    }

    /**
     * Checks {@code args} against {@code cmd}'s argument schema.
     *
     * @throws RefusedException with the first problem: {@link Refusal#MISSING_ARGUMENT},
     *                          {@link Refusal#UNKNOWN_ARGUMENT}, {@link Refusal#OUT_OF_RANGE} or
     *                          {@link Refusal#BAD_ARGUMENT}
     */
    public static void check(CommandDefinition cmd, JsonNode args) throws RefusedException {
        if (cmd.args() == null || !cmd.args().isObject() || cmd.args().isEmpty()) {
            return;
        }
        Schema schema;
        try {
            schema = REGISTRY.getSchema(cmd.args());
        } catch (RuntimeException e) {
            throw new RefusedException(Refusal.NO_DICTIONARY, cmd.name() + ": the dictionary's argument schema is unusable: "
                    + e.getMessage());
        }
        List<Error> errors = schema.validate(args);
        if (errors.isEmpty()) {
            return;
        }
        Error e = errors.get(0);
        String keyword = e.getKeyword() == null ? "" : e.getKeyword();
        Refusal code = switch (keyword) {
            case "required" -> Refusal.MISSING_ARGUMENT;
            case "additionalProperties", "unevaluatedProperties" -> Refusal.UNKNOWN_ARGUMENT;
            default -> RANGE.contains(keyword) ? Refusal.OUT_OF_RANGE : Refusal.BAD_ARGUMENT;
        };
        String where = e.getInstanceLocation() == null ? "" : e.getInstanceLocation().toString()
                .replaceFirst("^\\$\\.?", "").replaceFirst("^/", "");
        if (where.isEmpty() && e.getProperty() != null) {
            where = e.getProperty();
        }
        String unit = where.isEmpty() ? "" : cmd.argSchema(where).path("x-unit").asText("");
        String message = e.getMessage().replaceFirst("^\\$[^:]*:\\s*", "");
        throw new RefusedException(code, cmd.name() + " " + (where.isEmpty() ? "" : where + ": ") + message
                + (unit.isEmpty() ? "" : " " + unit) + (errors.size() > 1 ? " (and " + (errors.size() - 1) + " more)" : ""));
    }
}
