package io.sunsync.ground.mission;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The machine's load average ({@code /proc/loadavg}): timings on a shared machine mean little
 * without it. Immutable.
 *
 * @param one     over the last minute
 * @param five    over the last 5 minutes
 * @param fifteen over the last 15 minutes
 */
public record LoadAverage(double one, double five, double fifteen) {

    /** Now, or NaNs where {@code /proc/loadavg} cannot be read. */
    public static LoadAverage now() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return new LoadAverage(Double.parseDouble(f[0]), Double.parseDouble(f[1]), Double.parseDouble(f[2]));
        } catch (IOException | RuntimeException e) {
            return new LoadAverage(Double.NaN, Double.NaN, Double.NaN);
        }
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%.2f %.2f %.2f", one, five, fifteen);
    }
}
