package io.sunsync.sim.cli;

import io.sunsync.hal.config.ConfigException;
import io.sunsync.sim.economy.MeasuredRatio;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * Where {@code sim fleet} and {@code sim design} take the flight throttler's measured ratio to the
 * oracle from (a picocli mixin, part of {@link ReportOptions}): {@code --throttler-ratio R}, else {@code --ratio-from FILE} (a
 * {@code bench throttler} result or a mission's {@code summary.json}), else
 * {@code bench/out/throttler.json} when it holds a usable measurement, else
 * {@link MeasuredRatio#DEFAULT}. Not thread safe (picocli fills it).
 */
public final class RatioOptions {
    /** Where {@code ./sunsync bench throttler} writes. */
    static final Path BENCH_FILE = Path.of("bench/out/throttler.json");

    @Option(names = "--throttler-ratio", description = "The flight throttler's ratio to the oracle's bound, for every day"
            + " (default: measured; see --ratio-from).")
    Double ratio;

    @Option(names = "--ratio-from", description = "Read the measured ratio from a bench throttler result or a mission "
            + "summary.json (default: bench/out/throttler.json when it has one, else the built-in measurement).")
    Path from;

    /** The ratio to use. */
    MeasuredRatio resolve() {
        if (ratio != null) {
            return MeasuredRatio.of(ratio, "--throttler-ratio " + ratio);
        }
        if (from != null) {
            return MeasuredRatio.read(from);
        }
        if (Files.isRegularFile(BENCH_FILE)) {
            try {
                return MeasuredRatio.read(BENCH_FILE);
            } catch (ConfigException e) {
                return new MeasuredRatio(MeasuredRatio.DEFAULT.eclipseSeason(), MeasuredRatio.DEFAULT.noEclipse(),
                        MeasuredRatio.DEFAULT.source() + " (" + BENCH_FILE + " has none: " + e.reason() + ")");
            }
        }
        return MeasuredRatio.DEFAULT;
    }
}
