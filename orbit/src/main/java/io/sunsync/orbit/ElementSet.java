package io.sunsync.orbit;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;
import org.orekit.data.DataSource;
import org.orekit.files.ccsds.definitions.TimeSystem;
import org.orekit.files.ccsds.ndm.ParserBuilder;
import org.orekit.files.ccsds.ndm.odm.omm.Omm;
import org.orekit.files.ccsds.utils.lexical.ParseToken;
import org.orekit.files.ccsds.utils.lexical.TokenType;
import org.orekit.propagation.analytical.tle.TLE;
import org.orekit.propagation.analytical.tle.TLEPropagator;

/**
 * One set of SGP4 mean elements as the ground (or an on-board fit) supplies it: a TLE or a CCSDS
 * OMM, parsed and checked for form ({@link #parse}), then for plausibility against what a given
 * satellite can fly ({@link #check}). Whatever the format, the elements are held as Orekit's
 * {@link TLE}, which is what SGP4/SDP4 propagate ({@link #propagator()}).
 *
 * <p>Immutable; thread safe.
 *
 * @param format how the elements were written
 * @param text   the text as received (kept so it can be stored and sent back verbatim)
 * @param name   the object's name from the TLE title line or the OMM's {@code OBJECT_NAME}; empty if none
 * @param tle    the elements
 */
public record ElementSet(ElementFormat format, String text, String name, TLE tle) {
    /** Longest text accepted, in characters (an OMM in XML with comments is about 2 KB). */
    public static final int MAX_TEXT_CHARS = 8192;
    private static final double SECONDS_PER_DAY = 86_400.0;

    public ElementSet {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(tle, "tle");
    }

    /** Elements made on board (e.g. fitted to GNSS fixes): stored as their TLE lines. */
    public static ElementSet of(TLE tle, String name) {
        return new ElementSet(ElementFormat.TLE, tle.getLine1() + "\n" + tle.getLine2() + "\n", name, tle);
    }

    /**
     * Parses a TLE (two lines, or three with a title line first) or a CCSDS OMM (KVN, starting
     * with {@code CCSDS_OMM_VERS}, or XML, starting with {@code <}).
     *
     * @throws ElementsException {@link ElementsProblem#MALFORMED}, {@link ElementsProblem#BAD_CHECKSUM}
     *                           or {@link ElementsProblem#UNSUPPORTED}, with the reason
     */
    public static ElementSet parse(String text) {
        if (text == null || text.isBlank()) {
            throw new ElementsException(ElementsProblem.MALFORMED, "no elements given");
        }
        if (text.length() > MAX_TEXT_CHARS) {
            throw new ElementsException(ElementsProblem.MALFORMED, "elements longer than " + MAX_TEXT_CHARS + " characters");
        }
        String trimmed = text.strip();
        if (trimmed.startsWith("<")) {
            return parseOmm(text, ElementFormat.OMM_XML);
        }
        if (trimmed.startsWith("CCSDS_OMM_VERS")) {
            return parseOmm(text, ElementFormat.OMM_KVN);
        }
        return parseTle(text);
    }

    // ------------------------------------------------------------------------------------------ TLE

    private static ElementSet parseTle(String text) {
        List<String> lines = new ArrayList<>();
        for (String l : text.split("\r\n|\r|\n")) {
            String s = l.stripTrailing();
            if (!s.isEmpty()) {
                lines.add(s);
            }
        }
        String name = "";
        if (lines.size() == 3) {
            String title = lines.remove(0).strip();
            name = title.startsWith("0 ") ? title.substring(2).strip() : title;
        }
        if (lines.size() != 2) {
            throw new ElementsException(ElementsProblem.MALFORMED, "a TLE is two lines (three with a title line), not "
                    + (lines.size() + (name.isEmpty() ? 0 : 1)));
        }
        String l1 = lines.get(0);
        String l2 = lines.get(1);
        checkLine(l1, '1');
        checkLine(l2, '2');
        if (!l1.substring(2, 7).equals(l2.substring(2, 7))) {
            throw new ElementsException(ElementsProblem.MALFORMED, "line 1 is for satellite '" + l1.substring(2, 7).strip()
                    + "', line 2 for '" + l2.substring(2, 7).strip() + "'");
        }
        try {
            return new ElementSet(ElementFormat.TLE, text, name, new TLE(l1, l2, OrekitData.utc()));
        } catch (RuntimeException e) { // OrekitException, NumberFormatException, ...
            throw new ElementsException(ElementsProblem.MALFORMED, "TLE fields do not parse: " + e.getMessage(), e);
        }
    }

    private static void checkLine(String line, char number) {
        if (line.length() != 69) {
            throw new ElementsException(ElementsProblem.MALFORMED, "TLE line " + number + " must be 69 characters, is "
                    + line.length());
        }
        if (line.charAt(0) != number || line.charAt(1) != ' ') {
            throw new ElementsException(ElementsProblem.MALFORMED, "TLE line " + number + " must start with '" + number
                    + " ', starts with '" + line.substring(0, 2) + "'");
        }
        char last = line.charAt(68);
        if (last < '0' || last > '9') {
            throw new ElementsException(ElementsProblem.MALFORMED, "TLE line " + number + " must end in a checksum digit, ends in '"
                    + last + "'");
        }
        int computed = checksum(line);
        if (computed != last - '0') {
            throw new ElementsException(ElementsProblem.BAD_CHECKSUM, "TLE line " + number + " checksum is " + last
                    + ", its content sums to " + computed);
        }
    }

    /**
     * The TLE checksum of a line: the sum of its first 68 characters' digits, each '-' counting
     * 1, modulo 10.
     */
    public static int checksum(String line) {
        int sum = 0;
        for (int i = 0; i < Math.min(68, line.length()); i++) {
            char c = line.charAt(i);
            if (c >= '0' && c <= '9') {
                sum += c - '0';
            } else if (c == '-') {
                sum += 1;
            }
        }
        return sum % 10;
    }

    // ------------------------------------------------------------------------------------------ OMM

    private static ElementSet parseOmm(String text, ElementFormat format) {
        // CENTER_NAME = EARTH would make Orekit load JPL ephemerides for the Earth body, which the
        // elements do not need: the centre is checked here and handed on as a plain name.
        String[] center = {null};
        Function<ParseToken, List<ParseToken>> filter = t -> {
            if ("CENTER_NAME".equals(t.getName()) && t.getType() == TokenType.ENTRY) {
                center[0] = t.getContentAsUppercaseString();
                return List.of(new ParseToken(t.getType(), t.getName(), "CHECKED-" + center[0], t.getUnits(),
                        t.getLineNumber(), t.getFileName()));
            }
            return List.of(t);
        };
        Omm omm;
        try {
            omm = new ParserBuilder(OrekitData.context()).withFilter(filter).buildOmmParser()
                    .parseMessage(new DataSource("omm", () -> new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8))));
        } catch (RuntimeException e) { // Orekit's parsers throw more than OrekitException on junk
            throw new ElementsException(ElementsProblem.MALFORMED, "OMM does not parse: " + e.getMessage(), e);
        }
        if (omm.getSegments().size() != 1) {
            throw new ElementsException(ElementsProblem.MALFORMED, "an OMM has one metadata and data segment, this one "
                    + omm.getSegments().size());
        }
        var meta = omm.getMetadata();
        String theory = meta.getMeanElementTheory() == null ? "" : meta.getMeanElementTheory().strip().toUpperCase(Locale.ROOT);
        if (!theory.equals("SGP4") && !theory.equals("SGP/SGP4")) {
            throw new ElementsException(ElementsProblem.UNSUPPORTED, "OMM MEAN_ELEMENT_THEORY is '" + theory
                    + "'; only SGP4 elements can be flown");
        }
        if (!"EARTH".equals(center[0])) {
            throw new ElementsException(ElementsProblem.UNSUPPORTED, "OMM CENTER_NAME is '" + center[0] + "', not EARTH");
        }
        String frame = meta.getReferenceFrame() == null ? "" : meta.getReferenceFrame().getName();
        if (!"TEME".equalsIgnoreCase(frame)) {
            throw new ElementsException(ElementsProblem.UNSUPPORTED, "OMM REF_FRAME is '" + frame + "'; SGP4 elements are in TEME");
        }
        if (meta.getTimeSystem() != TimeSystem.UTC) {
            throw new ElementsException(ElementsProblem.UNSUPPORTED, "OMM TIME_SYSTEM is '" + meta.getTimeSystem() + "', not UTC");
        }
        TLE tle;
        try {
            tle = omm.generateTLE();
        } catch (RuntimeException e) {
            throw new ElementsException(ElementsProblem.MALFORMED, "OMM lacks the TLE parameters SGP4 needs: " + e.getMessage(), e);
        }
        String name = meta.getObjectName() == null ? "" : meta.getObjectName().strip();
        return new ElementSet(format, text, name, tle);
    }

    // ------------------------------------------------------------------------------------ accessors

    /** The catalogue (NORAD) number. */
    public int noradId() {
        return tle.getSatelliteNumber();
    }

    /** The epoch, in UTC. */
    public Instant epoch() {
        return OrekitData.instant(tle.getDate());
    }

    /** Mean motion, in revolutions per day. */
    public double meanMotionRevPerDay() {
        return tle.getMeanMotion() * SECONDS_PER_DAY / (2 * Math.PI);
    }

    /** Eccentricity (dimensionless). */
    public double eccentricity() {
        return tle.getE();
    }

    /** Inclination, in degrees. */
    public double inclinationDeg() {
        return Math.toDegrees(tle.getI());
    }

    /** Age of the elements at {@code now}, in days (negative when the epoch is later). */
    public double ageDays(Instant now) {
        return Duration.between(epoch(), now).toMillis() / 1000.0 / SECONDS_PER_DAY;
    }

    /** An SGP4 (or, for periods over 225 min, SDP4) propagator in TEME. */
    public TLEPropagator propagator() {
        return TLEPropagator.selectExtrapolator(tle, OrekitData.teme());
    }

    /**
     * Checks that these elements belong to and fit the satellite described by {@code limits} at
     * {@code now}.
     *
     * @throws ElementsException with the first problem found
     */
    public ElementSet check(ElementsLimits limits, Instant now) {
        if (limits.noradId() != null && limits.noradId() != noradId()) {
            throw new ElementsException(ElementsProblem.WRONG_SATELLITE, "elements are for catalogue number " + noradId()
                    + ", this satellite is " + limits.noradId());
        }
        double aheadS = Duration.between(now, epoch()).toMillis() / 1000.0;
        if (aheadS > limits.maxFutureS()) {
            throw new ElementsException(ElementsProblem.EPOCH_IN_FUTURE, "epoch " + epoch() + " is " + Math.round(aheadS)
                    + " s after the on-board time " + now + " (tolerance " + limits.maxFutureS() + " s)");
        }
        double age = ageDays(now);
        if (age > limits.maxAgeDays()) {
            throw new ElementsException(ElementsProblem.TOO_OLD, String.format(Locale.ROOT,
                    "epoch %s is %.1f days old (at most %.1f)", epoch(), age, limits.maxAgeDays()));
        }
        double n = meanMotionRevPerDay();
        if (!(n >= limits.minMeanMotionRevPerDay() && n <= limits.maxMeanMotionRevPerDay())) {
            throw new ElementsException(ElementsProblem.IMPLAUSIBLE_MEAN_MOTION, String.format(Locale.ROOT,
                    "mean motion %.6f rev/day is outside [%.3f, %.3f] for this satellite", n,
                    limits.minMeanMotionRevPerDay(), limits.maxMeanMotionRevPerDay()));
        }
        if (!(eccentricity() <= limits.maxEccentricity())) {
            throw new ElementsException(ElementsProblem.IMPLAUSIBLE_ECCENTRICITY, String.format(Locale.ROOT,
                    "eccentricity %.7f is above %.4f for this satellite", eccentricity(), limits.maxEccentricity()));
        }
        double inc = inclinationDeg();
        if (!(inc >= limits.minInclinationDeg() && inc <= limits.maxInclinationDeg())) {
            throw new ElementsException(ElementsProblem.IMPLAUSIBLE_INCLINATION, String.format(Locale.ROOT,
                    "inclination %.4f deg is outside [%.2f, %.2f] for this satellite", inc, limits.minInclinationDeg(),
                    limits.maxInclinationDeg()));
        }
        return this;
    }
}
