package io.sunsync.flight.cmd;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * A command as its owner registers it: name, arguments, the modes it is allowed in, whether it
 * is critical (needs arm-then-execute), where it executes, and its handler. Immutable; build
 * with {@link #builder(String)}.
 *
 * <pre>{@code
 * registry.register(CommandSpec.builder("board.cap")
 *         .description("Overrides a board's power cap")
 *         .arg(ArgSpec.text("board", "board id", 32))
 *         .arg(ArgSpec.number("capW", "power cap", 1, 5000, "W"))
 *         .execution(Execution.CONTROL_LOOP)
 *         .handler(inv -> ...)
 *         .build());
 * }</pre>
 */
public final class CommandSpec {
    /** Command names: dotted lower-case words, e.g. {@code board.enable}. */
    public static final Pattern NAME = Pattern.compile("[a-z][a-z0-9]*(\\.[a-z][a-zA-Z0-9]*)*");

    /** Where a command executes. */
    public enum Execution {
        /** On receipt, on the link's inbound thread: for quick commands that touch no hardware. */
        IMMEDIATE,
        /** At the next commanding tick, on the scheduler thread: for hardware commands. */
        CONTROL_LOOP
    }

    private final String name;
    private final String description;
    private final List<ArgSpec> args;
    private final Set<String> modes;
    private final boolean alwaysCritical;
    private final Predicate<JsonNode> criticalWhen;
    private final String criticalWhenText;
    private final Execution execution;
    private final ArgCheck check;
    private final CommandHandler handler;

    private CommandSpec(Builder b) {
        this.name = b.name;
        this.description = Objects.requireNonNull(b.description, "description of " + b.name);
        this.args = List.copyOf(b.args);
        this.modes = Set.copyOf(b.modes);
        this.alwaysCritical = b.critical;
        this.criticalWhen = b.criticalWhen;
        this.criticalWhenText = b.criticalWhenText;
        this.execution = b.execution;
        this.check = b.check;
        this.handler = Objects.requireNonNull(b.handler, "handler of " + b.name);
    }

    /** Starts a command named {@code name} (dotted lower-case words). */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    public String name() {
        return name;
    }

    public String description() {
        return description;
    }

    public List<ArgSpec> args() {
        return args;
    }

    /** Modes the command is allowed in; empty means every mode. */
    public Set<String> modes() {
        return modes;
    }

    /** Whether this invocation needs arm-then-execute. */
    public boolean isCritical(JsonNode args) {
        return alwaysCritical || (criticalWhen != null && criticalWhen.test(args));
    }

    /** {@code always}, {@code never} or {@code depends} (on the arguments), for the dictionary. */
    public String criticality() {
        return alwaysCritical ? "always" : criticalWhen == null ? "never" : "depends";
    }

    /** When criticality depends on the arguments: how, in words; otherwise null. */
    public String criticalWhenText() {
        return criticalWhenText;
    }

    public Execution execution() {
        return execution;
    }

    /** The on-board argument check, or null. */
    public ArgCheck check() {
        return check;
    }

    public CommandHandler handler() {
        return handler;
    }

    /** The JSON Schema of the arguments object, as published in the dictionary. */
    public Map<String, Object> argsSchema() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        s.put("title", "arguments of " + name);
        s.put("type", "object");
        s.put("additionalProperties", false);
        List<String> required = new ArrayList<>();
        Map<String, Object> props = new LinkedHashMap<>();
        for (ArgSpec a : args) {
            props.put(a.name(), a.schema());
            if (a.required()) {
                required.add(a.name());
            }
        }
        s.put("required", required);
        s.put("properties", props);
        return s;
    }

    /** Builds a {@link CommandSpec}. Not thread safe. */
    public static final class Builder {
        private final String name;
        private String description;
        private final List<ArgSpec> args = new ArrayList<>();
        private final Set<String> modes = new LinkedHashSet<>();
        private boolean critical;
        private Predicate<JsonNode> criticalWhen;
        private String criticalWhenText;
        private Execution execution = Execution.IMMEDIATE;
        private ArgCheck check;
        private CommandHandler handler;

        private Builder(String name) {
            if (name == null || !NAME.matcher(name).matches() || name.length() > 64) {
                throw new IllegalArgumentException("command name '" + name + "' must match " + NAME);
            }
            this.name = name;
        }

        /** One line for the dictionary. */
        public Builder description(String text) {
            this.description = text;
            return this;
        }

        /** Adds an argument (in dictionary order). */
        public Builder arg(ArgSpec arg) {
            if (args.stream().anyMatch(a -> a.name().equals(arg.name()))) {
                throw new IllegalArgumentException(name + ": argument " + arg.name() + " twice");
            }
            args.add(arg);
            return this;
        }

        /** Restricts the command to these modes (default: every mode). */
        public Builder modes(String... allowed) {
            modes.addAll(List.of(allowed));
            return this;
        }

        /** Needs arm-then-execute, always. */
        public Builder critical() {
            this.critical = true;
            return this;
        }

        /** Needs arm-then-execute when {@code when} holds for the arguments ({@code text} says when, for the dictionary). */
        public Builder criticalWhen(Predicate<JsonNode> when, String text) {
            this.criticalWhen = Objects.requireNonNull(when);
            this.criticalWhenText = Objects.requireNonNull(text);
            return this;
        }

        /** Where it executes (default {@link Execution#IMMEDIATE}). */
        public Builder execution(Execution where) {
            this.execution = Objects.requireNonNull(where);
            return this;
        }

        /** An on-board argument check run before acceptance. */
        public Builder check(ArgCheck argCheck) {
            this.check = argCheck;
            return this;
        }

        /** The handler. */
        public Builder handler(CommandHandler h) {
            this.handler = h;
            return this;
        }

        public CommandSpec build() {
            return new CommandSpec(this);
        }
    }
}
