package io.sunsync.flight.cmd.param;

import com.fasterxml.jackson.databind.JsonNode;
import io.sunsync.flight.cmd.ArgSpec;
import io.sunsync.flight.cmd.CommandFailure;
import io.sunsync.flight.cmd.CommandSpec;
import io.sunsync.flight.cmd.FailReason;
import io.sunsync.flight.cmd.Outcome;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The on-board parameters, and the commands that read and set them. Thread safe; setters run on
 * the scheduler thread (the set command executes in the control loop).
 */
public final class ParameterRegistry {
    private final Map<String, ParameterSpec> parameters = new ConcurrentSkipListMap<>();

    /** Adds a parameter. */
    public void register(ParameterSpec spec) {
        if (parameters.putIfAbsent(spec.name(), spec) != null) {
            throw new IllegalArgumentException("parameter " + spec.name() + " registered twice");
        }
    }

    public Optional<ParameterSpec> find(String name) {
        return Optional.ofNullable(parameters.get(name));
    }

    public List<ParameterSpec> all() {
        return List.copyOf(parameters.values());
    }

    /** {@code param.get}, {@code param.set} and {@code param.list}. */
    public List<CommandSpec> commands() {
        return List.of(
                CommandSpec.builder("param.get")
                        .description("Reads on-board parameters (all of them when no name is given)")
                        .arg(ArgSpec.text("name", "parameter name", 64).optional())
                        .check(args -> args.has("name") && !parameters.containsKey(args.get("name").asText())
                                ? "no parameter " + args.get("name").asText() : null)
                        .handler(inv -> {
                            Map<String, Object> values = new LinkedHashMap<>();
                            for (ParameterSpec p : parameters.values()) {
                                if (!inv.has("name") || p.name().equals(inv.text("name"))) {
                                    values.put(p.name(), p.getter().get());
                                }
                            }
                            return Outcome.completed(Map.of("values", values));
                        }).build(),
                CommandSpec.builder("param.set")
                        .description("Sets a writable on-board parameter, type- and range-checked")
                        .arg(ArgSpec.text("name", "parameter name", 64))
                        .arg(new ArgSpec("value", "scalar", "new value (its type is the parameter's)", true, null, null,
                                "", List.of(), Map.of()))
                        .execution(CommandSpec.Execution.CONTROL_LOOP)
                        .check(args -> {
                            ParameterSpec p = parameters.get(args.path("name").asText());
                            return p == null ? "no parameter " + args.path("name").asText() : p.problem(args.get("value"));
                        })
                        .handler(inv -> {
                            ParameterSpec p = parameters.get(inv.text("name"));
                            if (p == null) {
                                throw new CommandFailure(FailReason.NOT_FOUND, "no parameter " + inv.text("name"));
                            }
                            JsonNode value = inv.args().get("value");
                            String problem = p.problem(value);
                            if (problem != null) {
                                throw new CommandFailure(FailReason.INVALID_STATE, problem);
                            }
                            Object before = p.getter().get();
                            p.setter().set(value);
                            Map<String, Object> data = new LinkedHashMap<>();
                            data.put("name", p.name());
                            data.put("before", before);
                            data.put("after", p.getter().get());
                            return Outcome.completed(data);
                        }).build(),
                CommandSpec.builder("param.list")
                        .description("Lists the parameters with their types, units, ranges and values")
                        .handler(inv -> Outcome.completed(Map.of("parameters", parameters.values().stream()
                                .map(ParameterRegistry::describe).toList()))).build());
    }

    /** A parameter as the dictionary and {@code param.list} show it. */
    public static Map<String, Object> describe(ParameterSpec p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", p.name());
        m.put("type", p.type());
        m.put("unit", p.unit());
        if (p.min() != null) {
            m.put("min", p.min());
        }
        if (p.max() != null) {
            m.put("max", p.max());
        }
        m.put("writable", p.writable());
        m.put("description", p.description());
        return m;
    }
}
