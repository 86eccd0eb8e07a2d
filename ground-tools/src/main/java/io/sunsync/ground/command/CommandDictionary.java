package io.sunsync.ground.command;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A satellite's command dictionary as published (retained) on {@code sunsync/{sat}/dict}: the
 * ground builds and checks every command from it, with no compile-time knowledge of the flight
 * build. Immutable; thread safe.
 */
public final class CommandDictionary {
    private final String sat;
    private final String software;
    private final Map<String, CommandDefinition> commands;

    private CommandDictionary(String sat, String software, Map<String, CommandDefinition> commands) {
        this.sat = sat;
        this.software = software;
        this.commands = Collections.unmodifiableMap(commands);
    }

    /** Reads the dictionary message. */
    public static CommandDictionary of(JsonNode dict) {
        Map<String, CommandDefinition> m = new TreeMap<>();
        for (JsonNode c : dict.path("commands")) {
            CommandDefinition d = CommandDefinition.of(c);
            if (!d.name().isEmpty()) {
                m.put(d.name(), d);
            }
        }
        return new CommandDictionary(dict.path("sat").asText(""), dict.path("software").asText(""), m);
    }

    /** The satellite it describes. */
    public String sat() {
        return sat;
    }

    /** The flight software that published it. */
    public String software() {
        return software;
    }

    /** The command called {@code name}. */
    public Optional<CommandDefinition> command(String name) {
        return Optional.ofNullable(commands.get(name));
    }

    /** Every command, by name. */
    public Collection<CommandDefinition> commands() {
        return commands.values();
    }
}
