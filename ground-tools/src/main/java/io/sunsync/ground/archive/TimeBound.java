package io.sunsync.ground.archive;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A time bound written by an operator: an ISO-8601 instant ({@code 2027-06-21T00:10:00Z}, or
 * without zone, taken as UTC), or a span back from a reference time ({@code 90s}, {@code 30m},
 * {@code 2h}, {@code 1d}). Archives of simulated missions run on mission time, so spans count back
 * from the newest record rather than from the wall clock. Stateless.
 */
public final class TimeBound {
    private static final Pattern SPAN = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(s|m|min|h|d)");

    private TimeBound() {
    }

    /** True if {@code text} is a span ({@code 30m}) rather than an instant. */
    public static boolean isSpan(String text) {
        return SPAN.matcher(text.trim()).matches();
    }

    /**
     * The instant {@code text} means.
     *
     * @param reference what a span counts back from
     * @throws IllegalArgumentException with a message for the operator when it is neither form
     */
    public static Instant parse(String text, Instant reference) {
        String s = text.trim();
        Matcher m = SPAN.matcher(s);
        if (m.matches()) {
            double n = Double.parseDouble(m.group(1));
            long unitS = switch (m.group(2)) {
                case "s" -> 1;
                case "m", "min" -> 60;
                case "h" -> 3600;
                default -> 86400;
            };
            return reference.minus(Duration.ofMillis(Math.round(n * unitS * 1000)));
        }
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException e) {
            try {
                return LocalDateTime.parse(s).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e2) {
                throw new IllegalArgumentException("'" + text + "' is neither an instant (2027-06-21T00:10:00Z) "
                        + "nor a span back (90s, 30m, 2h, 1d)");
            }
        }
    }
}
