package io.sunsync.sim.cli;

import io.sunsync.sim.economy.MeasuredRatio;
import io.sunsync.sim.scenario.Scenario;
import io.sunsync.sim.truth.TruthLog;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The options {@code sim fleet} and {@code sim design} share (a picocli mixin): the satellite's
 * scenario file ({@code --scenario}), the flight throttler's measured ratio ({@link RatioOptions}),
 * where the report's files go ({@code --out}, default {@code out/<command>}) and whether the report
 * is printed as JSON ({@code --json}); and how the report is written. Not thread safe (picocli
 * fills it).
 */
public final class ReportOptions {

    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    @Option(names = "--scenario", description = "The satellite's scenario file (default: the reference satellite).")
    Path scenarioFile;

    @Mixin
    RatioOptions ratio;

    @Option(names = "--out", description = "Where the files go (default out/${COMMAND-NAME}).")
    Path out;

    @Option(names = "--json", description = "Print JSON instead of Markdown.")
    boolean json;

    /** The scenario of {@code --scenario}, else the reference satellite. */
    Scenario scenario() {
        return ScenarioOption.load(scenarioFile);
    }

    /** The flight throttler's measured ratio to the oracle (see {@link RatioOptions}). */
    MeasuredRatio ratio() {
        return ratio.resolve();
    }

    /** The folder of {@code --out}, else {@code out/<command>}. */
    Path out() {
        return out != null ? out : Path.of("out", mixee.name());
    }

    /** The folder of {@code --out} (see {@link #out()}), made if missing. */
    Path folder() throws IOException {
        return Files.createDirectories(out());
    }

    /**
     * Writes the report into the {@code --out} folder (made if missing) as {@code NAME.md} and
     * {@code NAME.json} ({@code result} as indented JSON), then prints it on the command's output:
     * the JSON with {@code --json}, else the Markdown followed by the files written, these two and
     * then {@code alsoWritten}.
     */
    void write(String name, String md, Object result, Path... alsoWritten) throws IOException {
        String js = TruthLog.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(result);
        Path folder = folder();
        List<Path> written = new ArrayList<>(List.of(folder.resolve(name + ".md"), folder.resolve(name + ".json")));
        Files.writeString(written.get(0), md);
        Files.writeString(written.get(1), js + "\n");
        written.addAll(Arrays.asList(alsoWritten));
        PrintWriter w = mixee.commandLine().getOut();
        w.print(json ? js + "\n" : md);
        if (!json) {
            w.printf("%nWritten: %s%n", written.stream().map(Path::toString).collect(Collectors.joining(", ")));
        }
        w.flush();
    }
}
