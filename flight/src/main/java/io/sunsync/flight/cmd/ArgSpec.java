package io.sunsync.flight.cmd;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One command argument: its name, JSON type, range or allowed values and unit. Becomes a
 * property of the command's argument schema, published in the dictionary.
 *
 * @param name        argument name (a JSON key)
 * @param type        JSON type: {@code integer}, {@code number}, {@code boolean}, {@code string},
 *                    {@code object} or {@code array}; or {@code scalar} for a number, boolean or string
 * @param description what it means, with its unit
 * @param required    whether it must be given
 * @param min         smallest allowed value (numbers), or null
 * @param max         largest allowed value (numbers), or null
 * @param unit        unit of a number, e.g. {@code W}, {@code s}; empty when none
 * @param values      allowed values (strings), or empty for any
 * @param extra       further JSON Schema keywords (e.g. {@code maxLength}, {@code pattern},
 *                    {@code properties} of an object)
 */
public record ArgSpec(String name, String type, String description, boolean required, Double min, Double max,
                      String unit, List<String> values, Map<String, Object> extra) {
    public ArgSpec {
        Objects.requireNonNull(name, "name");
        if (!List.of("integer", "number", "boolean", "string", "object", "array", "scalar").contains(type)) {
            throw new IllegalArgumentException("argument " + name + ": unknown type " + type);
        }
        description = description == null ? "" : description;
        unit = unit == null ? "" : unit;
        values = values == null ? List.of() : List.copyOf(values);
        extra = extra == null ? Map.of() : Map.copyOf(extra);
    }

    /** A required integer in [min, max]. */
    public static ArgSpec integer(String name, String description, long min, long max) {
        return new ArgSpec(name, "integer", description, true, (double) min, (double) max, "", List.of(), Map.of());
    }

    /** A required number in [min, max] {@code unit}. */
    public static ArgSpec number(String name, String description, double min, double max, String unit) {
        return new ArgSpec(name, "number", description, true, min, max, unit, List.of(), Map.of());
    }

    /** A required boolean. */
    public static ArgSpec bool(String name, String description) {
        return new ArgSpec(name, "boolean", description, true, null, null, "", List.of(), Map.of());
    }

    /** A required string of 1..{@code maxLength} characters. */
    public static ArgSpec text(String name, String description, int maxLength) {
        return new ArgSpec(name, "string", description, true, null, null, "", List.of(),
                Map.of("minLength", 1, "maxLength", maxLength));
    }

    /** A required string, one of {@code values}. */
    public static ArgSpec oneOf(String name, String description, List<String> values) {
        return new ArgSpec(name, "string", description, true, null, null, "", values, Map.of());
    }

    /** A required ISO-8601 UTC instant (mission time). */
    public static ArgSpec instant(String name, String description) {
        return new ArgSpec(name, "string", description, true, null, null, "", List.of(),
                Map.of("format", "date-time", "maxLength", 40));
    }

    /** A required JSON object, constrained by {@code schema} keywords. */
    public static ArgSpec object(String name, String description, Map<String, Object> schema) {
        return new ArgSpec(name, "object", description, true, null, null, "", List.of(), schema);
    }

    /** A required JSON array, constrained by {@code schema} keywords (e.g. {@code items}). */
    public static ArgSpec array(String name, String description, Map<String, Object> schema) {
        return new ArgSpec(name, "array", description, true, null, null, "", List.of(), schema);
    }

    /** The same argument, optional. */
    public ArgSpec optional() {
        return new ArgSpec(name, type, description, false, min, max, unit, values, extra);
    }

    /** This argument's JSON Schema (keys in a fixed order, so the generated docs are stable). */
    public Map<String, Object> schema() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("type", "scalar".equals(type) ? List.of("number", "boolean", "string") : type);
        s.put("description", description);
        if (!unit.isEmpty()) {
            s.put("x-unit", unit);
        }
        if (min != null) {
            s.put("minimum", "integer".equals(type) ? (Object) min.longValue() : min);
        }
        if (max != null) {
            s.put("maximum", "integer".equals(type) ? (Object) max.longValue() : max);
        }
        if (!values.isEmpty()) {
            s.put("enum", values);
        }
        new java.util.TreeMap<>(extra).forEach(s::put);
        return s;
    }
}
