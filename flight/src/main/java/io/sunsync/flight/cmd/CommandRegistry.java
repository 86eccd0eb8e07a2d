package io.sunsync.flight.cmd;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import io.sunsync.flight.icd.IcdSchemas;
import io.sunsync.flight.link.Json;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * Every command this flight build knows, registered by the component that owns it. The
 * dictionary is generated from here. Each command's argument schema is compiled once at
 * registration.
 *
 * <p>Thread safe: register during start-up (from any thread); look up from any thread.
 */
public final class CommandRegistry {
    private static final Set<String> RANGE_KEYWORDS = Set.of("minimum", "maximum", "exclusiveMinimum",
            "exclusiveMaximum", "enum", "const", "minLength", "maxLength", "minItems", "maxItems");

    private record Entry(CommandSpec spec, Schema schema) {
    }

    private final Map<String, Entry> commands = new ConcurrentSkipListMap<>();

    /**
     * Adds {@code spec}.
     *
     * @throws IllegalArgumentException if a command of that name is already registered
     */
    public void register(CommandSpec spec) {
        String schemaJson = new String(Json.encode(spec.argsSchema()), StandardCharsets.UTF_8);
        Entry entry = new Entry(spec, IcdSchemas.compile(schemaJson));
        if (commands.putIfAbsent(spec.name(), entry) != null) {
            throw new IllegalArgumentException("command " + spec.name() + " is registered twice");
        }
    }

    /** Adds every command in {@code specs}. */
    public void registerAll(List<CommandSpec> specs) {
        specs.forEach(this::register);
    }

    /** The command named {@code name}, if registered. */
    public Optional<CommandSpec> find(String name) {
        Entry e = commands.get(name);
        return e == null ? Optional.empty() : Optional.of(e.spec());
    }

    /** Every command, by name. */
    public List<CommandSpec> all() {
        return commands.values().stream().map(Entry::spec).toList();
    }

    /**
     * Checks {@code args} against the command's schema, then its on-board check.
     *
     * @return empty when fine; otherwise {@link RejectReason#ARG_OUT_OF_RANGE} for a value outside
     *         its range or set, {@link RejectReason#SCHEMA_VIOLATION} for a wrong shape or type
     */
    public Optional<Rejection> checkArgs(CommandSpec spec, JsonNode args) {
        Entry e = commands.get(spec.name());
        Schema schema = e != null && e.spec() == spec ? e.schema() : IcdSchemas.compile(
                new String(Json.encode(spec.argsSchema()), StandardCharsets.UTF_8));
        List<Error> errors = schema.validate(args);
        if (!errors.isEmpty()) {
            boolean range = errors.stream().allMatch(err -> RANGE_KEYWORDS.contains(err.getKeyword()));
            return Optional.of(new Rejection(range ? RejectReason.ARG_OUT_OF_RANGE : RejectReason.SCHEMA_VIOLATION,
                    spec.name() + ": " + errors.get(0).getMessage()));
        }
        if (spec.check() != null) {
            String problem = spec.check().problem(args);
            if (problem != null) {
                return Optional.of(new Rejection(RejectReason.ARG_OUT_OF_RANGE, spec.name() + ": " + problem));
            }
        }
        return Optional.empty();
    }
}
