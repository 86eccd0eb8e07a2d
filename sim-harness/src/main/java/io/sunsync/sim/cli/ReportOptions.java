package io.sunsync.sim.cli;

import io.sunsync.sim.scenario.Scenario;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The options {@code sim fleet} and {@code sim design} share (a picocli mixin): the satellite's
 * scenario file ({@code --scenario}), where the report's files go ({@code --out}, default
 * {@code out/<command>}) and whether the report is printed as JSON ({@code --json}); and how the
 * report is printed. Not thread safe (picocli fills it).
 */
public final class ReportOptions {

    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    @Option(names = "--scenario", description = "The satellite's scenario file (default: the reference satellite).")
    Path scenarioFile;

    @Option(names = "--out", description = "Where the files go (default out/${COMMAND-NAME}).")
    Path out;

    @Option(names = "--json", description = "Print JSON instead of Markdown.")
    boolean json;

    /** The scenario of {@code --scenario}, else the reference satellite. */
    Scenario scenario() {
        return ScenarioOption.load(scenarioFile);
    }

    /** The folder of {@code --out}, else {@code out/<command>}. */
    Path out() {
        return out != null ? out : Path.of("out", mixee.name());
    }

    /**
     * Prints the report on the command's output: {@code js} with {@code --json}, else {@code md}
     * followed by the files {@code written}.
     */
    void print(String md, String js, Path... written) {
        PrintWriter w = mixee.commandLine().getOut();
        w.print(json ? js + "\n" : md);
        if (!json) {
            w.printf("%nWritten: %s%n", Arrays.stream(written).map(Path::toString).collect(Collectors.joining(", ")));
        }
        w.flush();
    }
}
