package io.sunsync.flight.cmd.param;

import com.fasterxml.jackson.databind.JsonNode;
import io.sunsync.flight.cmd.CommandFailure;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * One on-board parameter.
 *
 * @param name        dotted name, e.g. {@code telemetry.hk.periodS}
 * @param type        {@code integer}, {@code number}, {@code boolean} or {@code string}
 * @param unit        unit, empty if none
 * @param min         smallest value a set may give (numbers), or null
 * @param max         largest value a set may give (numbers), or null
 * @param description what it is
 * @param getter      reads the current value (any thread)
 * @param setter      applies a new value (already type- and range-checked), or null when read-only
 */
public record ParameterSpec(String name, String type, String unit, Double min, Double max, String description,
                            Supplier<Object> getter, Setter setter) {
    /** Applies a parameter value. */
    @FunctionalInterface
    public interface Setter {
        /** @throws CommandFailure when the value cannot be applied now */
        void set(JsonNode value) throws CommandFailure;
    }

    public ParameterSpec {
        Objects.requireNonNull(name, "name");
        if (!List.of("integer", "number", "boolean", "string").contains(type)) {
            throw new IllegalArgumentException("parameter " + name + ": unknown type " + type);
        }
        unit = unit == null ? "" : unit;
        description = description == null ? "" : description;
        Objects.requireNonNull(getter, "getter");
    }

    /** Whether the ground may set it. */
    public boolean writable() {
        return setter != null;
    }

    /** Why {@code value} cannot be set, or null if it can. */
    public String problem(JsonNode value) {
        if (setter == null) {
            return "parameter " + name + " is read-only";
        }
        boolean typeOk = switch (type) {
            case "integer" -> value.canConvertToExactIntegral() && value.isNumber();
            case "number" -> value.isNumber();
            case "boolean" -> value.isBoolean();
            default -> value.isTextual();
        };
        if (!typeOk) {
            return "parameter " + name + " takes a " + type;
        }
        if (value.isNumber() && ((min != null && value.asDouble() < min) || (max != null && value.asDouble() > max))) {
            return "parameter " + name + " must be in [" + min + ", " + max + "] " + unit + ", was " + value.asText();
        }
        return null;
    }
}
