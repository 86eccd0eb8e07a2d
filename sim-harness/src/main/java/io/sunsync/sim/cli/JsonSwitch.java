package io.sunsync.sim.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.sunsync.sim.truth.TruthLog;
import java.io.PrintWriter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The {@code --json} switch of the commands that print one result as text or as JSON
 * ({@code sim orbit}, {@code sim elements}, {@code sim run}), and the output both go to (a picocli
 * mixin). Not thread safe (picocli fills it).
 */
public final class JsonSwitch {
    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    @Option(names = "--json", description = "Print JSON instead of text.")
    boolean json;

    /** Whether {@code --json} was given. */
    boolean on() {
        return json;
    }

    /** The command's output. */
    PrintWriter out() {
        return mixee.commandLine().getOut();
    }

    /** Prints {@code n} indented (the truth log's mapper), then a line break. */
    void print(JsonNode n) throws JsonProcessingException {
        out().println(TruthLog.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(n));
    }
}
