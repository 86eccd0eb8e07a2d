package io.sunsync.ground.command;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One command of a satellite's dictionary ({@code sunsync/{sat}/dict}, docs/icd/commanding.md).
 *
 * @param name         command name, e.g. {@code board.cap}
 * @param description  what it does
 * @param critical     {@code always}, {@code never} or {@code depends}
 * @param criticalWhen when it is critical, for {@code depends} (text)
 * @param modes        modes it is allowed in (empty: all)
 * @param execution    {@code IMMEDIATE} or {@code CONTROL_LOOP}
 * @param args         JSON Schema of its arguments
 */
public record CommandDefinition(String name, String description, String critical, String criticalWhen,
                                List<String> modes, String execution, JsonNode args) {
    public CommandDefinition {
        Objects.requireNonNull(name, "name");
        modes = modes == null ? List.of() : List.copyOf(modes);
    }

    /** Reads one entry of the dictionary's {@code commands}. */
    static CommandDefinition of(JsonNode c) {
        List<String> modes = new ArrayList<>();
        c.path("modes").forEach(m -> modes.add(m.asText()));
        return new CommandDefinition(c.path("name").asText(), c.path("description").asText(""),
                c.path("critical").asText("never"), c.path("criticalWhen").asText(""), modes,
                c.path("execution").asText(""), c.path("args"));
    }

    /** True if it always needs arm-then-execute. */
    public boolean alwaysCritical() {
        return "always".equals(critical);
    }

    /** True if its arguments decide whether it needs arm-then-execute. */
    public boolean criticalDepends() {
        return "depends".equals(critical);
    }

    /** True if it may run in {@code mode} (null: unknown, allowed). */
    public boolean allowedIn(String mode) {
        return mode == null || modes.isEmpty() || modes.contains(mode);
    }

    /** The JSON Schema of argument {@code arg}, or a missing node. */
    public JsonNode argSchema(String arg) {
        return args.path("properties").path(arg);
    }

    /** The argument names, in schema order, with whether each is required. */
    public Map<String, Boolean> argNames() {
        Map<String, Boolean> out = new java.util.LinkedHashMap<>();
        List<String> required = new ArrayList<>();
        args.path("required").forEach(r -> required.add(r.asText()));
        Iterator<String> it = args.path("properties").fieldNames();
        while (it.hasNext()) {
            String n = it.next();
            out.put(n, required.contains(n));
        }
        return out;
    }

    /** A help text: description, criticality, modes, and each argument with type, range and unit. */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        sb.append(name).append(" - ").append(description).append('\n');
        sb.append("  critical: ").append(critical).append(criticalWhen.isEmpty() ? "" : " (" + criticalWhen + ")")
                .append("; executes: ").append(execution).append("; modes: ")
                .append(modes.isEmpty() ? "all" : String.join(", ", modes)).append('\n');
        argNames().forEach((arg, required) -> {
            JsonNode s = argSchema(arg);
            sb.append("  ").append(arg).append(required ? "" : " (optional)").append(": ").append(type(s));
            if (s.has("enum")) {
                List<String> values = new ArrayList<>();
                s.path("enum").forEach(v -> values.add(v.asText()));
                sb.append(" ").append(String.join("|", values));
            }
            if (s.has("minimum") || s.has("maximum")) {
                sb.append(" ").append(s.path("minimum").asText("")).append("..").append(s.path("maximum").asText(""));
            }
            if (s.has("x-unit")) {
                sb.append(" ").append(s.path("x-unit").asText());
            }
            if (s.has("description")) {
                sb.append(" - ").append(s.path("description").asText());
            }
            sb.append('\n');
        });
        if (argNames().isEmpty()) {
            sb.append("  (no arguments)\n");
        }
        return sb.toString();
    }

    static String type(JsonNode s) {
        JsonNode t = s.path("type");
        if (t.isArray()) {
            List<String> ts = new ArrayList<>();
            t.forEach(x -> ts.add(x.asText()));
            return String.join("|", ts);
        }
        return t.asText("any");
    }
}
