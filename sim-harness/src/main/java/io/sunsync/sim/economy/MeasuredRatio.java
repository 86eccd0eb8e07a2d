package io.sunsync.sim.economy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sunsync.hal.config.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * How much of the oracle's bound the flight throttler achieves, as measured, for turning a bound
 * into an achieved figure in the fleet projection and the design search. The throttler is flight
 * code, which the sim harness does not depend on, so its ratio comes from a measurement:
 * {@code ./sunsync bench throttler} (its {@code bench/out/throttler.json}: the throttler's ratio on
 * an eclipse-season scenario for days with eclipses, on {@code nominal-day} for days without), a
 * mission rehearsal's {@code summary.json} (flight's ratio over the rehearsal, job mix and drills
 * included), a number given on the command line, or {@link #DEFAULT}, measured with the bench on the
 * date it states. Whatever the source, it is printed beside the figures it produced. Applying it to
 * another design assumes the throttler gets as close to that design's bound as to the reference
 * satellite's. Immutable.
 *
 * @param eclipseSeason the throttler's ratio to the bound on days with eclipses
 * @param noEclipse     on days without
 * @param source        where the ratios come from
 */
public record MeasuredRatio(double eclipseSeason, double noEclipse, String source) {
    /**
     * Measured with {@code ./sunsync bench throttler --scenarios eclipse-season-day,nominal-day} on
     * 2026-12-04 (main at c363464, the sim battery with internal resistance and a CC-CV charger):
     * the throttler's ratio to the oracle, every board busy, 96 boards.
     */
    public static final MeasuredRatio DEFAULT = new MeasuredRatio(0.9551, 0.9734,
            "default: ./sunsync bench throttler --scenarios eclipse-season-day,nominal-day, measured 2026-12-04 "
                    + "(eclipse-season-day 0.9551, nominal-day 0.9734)");

    public MeasuredRatio {
        check("eclipseSeason", eclipseSeason);
        check("noEclipse", noEclipse);
    }

    private static void check(String what, double r) {
        if (!(r > 0 && r <= 1.05)) {
            throw new ConfigException("throttler ratio (" + what + ")", "must be in (0, 1.05] (a ratio to an upper bound), was " + r);
        }
    }

    /** One ratio for every day, from {@code source}. */
    public static MeasuredRatio of(double ratio, String source) {
        return new MeasuredRatio(ratio, ratio, source);
    }

    /** The ratio for a day with ({@code true}) or without eclipses. */
    public double on(boolean eclipsed) {
        return eclipsed ? eclipseSeason : noEclipse;
    }

    /**
     * Reads the ratio from a {@code bench throttler} result ({@code throttler.json}) or a mission's
     * {@code summary.json}; refuses a file that is neither, naming it.
     */
    public static MeasuredRatio read(Path file) {
        JsonNode n;
        try {
            n = new ObjectMapper().readTree(Files.readString(file));
        } catch (IOException e) {
            throw new ConfigException(file.toString(), "cannot read a measured ratio: " + e.getMessage(), e);
        }
        if (n != null && n.has("verdicts")) {
            double season = Double.NaN;
            String seasonFrom = null;
            double sunlit = Double.NaN;
            int rank = Integer.MAX_VALUE;
            for (JsonNode v : n.path("verdicts")) {
                String name = v.path("scenario").asText();
                double r = v.path("throttlerRatio").asDouble(Double.NaN);
                int violations = v.path("throttlerViolations").asInt(-1);
                if (!Double.isFinite(r) || violations != 0) {
                    continue;
                }
                int k = name.equals("eclipse-season-30d") ? 0 : name.equals("eclipse-season-day") ? 1
                        : name.startsWith("eclipse-season") ? 2 : Integer.MAX_VALUE;
                if (k < rank) {
                    rank = k;
                    season = r;
                    seasonFrom = name;
                }
                if (name.equals("nominal-day")) {
                    sunlit = r;
                }
            }
            if (seasonFrom == null) {
                throw new ConfigException(file.toString(), "has no eclipse-season scenario the throttler flew without a "
                        + "violation (run ./sunsync bench throttler --scenarios eclipse-season-day,nominal-day)");
            }
            return new MeasuredRatio(season, Double.isFinite(sunlit) ? sunlit : season, String.format(Locale.ROOT,
                    "%s: the throttler's ratio on %s (%.4f)%s", file, seasonFrom, season, Double.isFinite(sunlit)
                            ? String.format(Locale.ROOT, " and nominal-day (%.4f)", sunlit) : ", for every day"));
        }
        if (n != null && n.path("work").has("ratioToOracle")) {
            double r = n.path("work").path("ratioToOracle").asDouble(Double.NaN);
            if (!Double.isFinite(r)) {
                throw new ConfigException(file.toString(), "has no measured work.ratioToOracle");
            }
            return of(r, String.format(Locale.ROOT, "%s: flight's ratio over the mission rehearsal '%s' (%.4f), every day",
                    file, n.path("run").path("scenario").asText("?"), r));
        }
        throw new ConfigException(file.toString(), "is neither a bench throttler result (verdicts) nor a mission summary "
                + "(work.ratioToOracle)");
    }
}
