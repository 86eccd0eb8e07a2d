package io.sunsync.orbit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.orekit.propagation.analytical.tle.TLE;

/** Properties of element parsing and checking over generated elements and generated junk. */
class ElementSetProperties {
    private static final String[] LINES = Fixtures.text("sunsync-1.tle").split("\n");

    /** Orbital elements as flight dynamics might send them. */
    record Orbit(int noradId, Instant epoch, double revPerDay, double e, double incDeg, double raanDeg, double argpDeg,
                 double meanAnomalyDeg, double bstar) {
        TLE tle() {
            return new TLE(noradId, 'U', 2027, 42, "A", TLE.DEFAULT, 999, OrekitData.date(epoch),
                    revPerDay * 2 * Math.PI / 86_400, 0, 0, e, Math.toRadians(incDeg), Math.toRadians(argpDeg),
                    Math.toRadians(raanDeg), Math.toRadians(meanAnomalyDeg), 1200, bstar, OrekitData.utc());
        }
    }

    @Provide
    Arbitrary<Orbit> orbits() {
        Arbitrary<Double> angles = Arbitraries.doubles().between(0, 359.9999).ofScale(4);
        return Combinators.combine(
                Arbitraries.integers().between(1, 99_999),
                Arbitraries.longs().between(1_577_836_800L, 2_524_608_000L).map(Instant::ofEpochSecond), // 2020..2050
                Arbitraries.doubles().between(11.0, 16.5).ofScale(8),
                Arbitraries.doubles().between(0, 0.05).ofScale(7),
                Arbitraries.doubles().between(0, 179.9999).ofScale(4),
                angles, angles, angles)
                .as((id, epoch, n, e, inc, raan, argp, m) -> new Orbit(id, epoch, n, e, inc, raan, argp, m, 2.5e-5));
    }

    @Provide
    Arbitrary<ElementsLimits> limits() {
        return Combinators.combine(
                Arbitraries.doubles().between(1, 30).ofScale(1),
                Arbitraries.doubles().between(11, 16).ofScale(2),
                Arbitraries.doubles().between(0.1, 3).ofScale(2),
                Arbitraries.doubles().between(0, 0.05).ofScale(4),
                Arbitraries.doubles().between(0, 170).ofScale(1),
                Arbitraries.doubles().between(1, 60).ofScale(1))
                .as((age, nMin, nWidth, ecc, iMin, iWidth) -> new ElementsLimits(null, age, 60, nMin, nMin + nWidth, ecc,
                        iMin, Math.min(180, iMin + iWidth)));
    }

    @Property(tries = 200)
    void elementsWrittenAsATleReadBackTheSame(@ForAll("orbits") Orbit o) {
        TLE tle = o.tle();
        ElementSet e = ElementSet.parse(tle.getLine1() + "\n" + tle.getLine2() + "\n");
        assertThat(e.noradId()).isEqualTo(o.noradId());
        assertThat(Math.abs(java.time.Duration.between(o.epoch(), e.epoch()).toNanos())).isLessThan(1_000_000L); // 1 ms: 8 decimals of a day
        assertThat(e.meanMotionRevPerDay()).isCloseTo(o.revPerDay(), within(1e-8));
        assertThat(e.eccentricity()).isCloseTo(o.e(), within(1e-7));
        assertThat(e.inclinationDeg()).isCloseTo(o.incDeg(), within(1e-4));
    }

    @Property(tries = 300)
    void anyDigitChangedInATleLineIsCaughtByItsChecksum(@ForAll @IntRange(min = 1, max = 2) int line,
                                                        @ForAll @IntRange(min = 2, max = 67) int column,
                                                        @ForAll @IntRange(min = 1, max = 9) int shift) {
        String original = LINES[line];
        char c = original.charAt(column);
        if (c < '0' || c > '9') {
            return; // a digit column only: blanks, signs and letters are checked by the format
        }
        char changed = (char) ('0' + (c - '0' + shift) % 10);
        String corrupted = original.substring(0, column) + changed + original.substring(column + 1);
        String text = line == 1 ? corrupted + "\n" + LINES[2] : LINES[1] + "\n" + corrupted;
        Throwable t = catchThrowable(() -> ElementSet.parse(text));
        assertThat(t).isInstanceOfSatisfying(ElementsException.class,
                e -> assertThat(e.problem()).isEqualTo(ElementsProblem.BAD_CHECKSUM));
    }

    @Provide
    Arbitrary<String> junk() {
        Arbitrary<String> text = Arbitraries.strings().withChars("0123456789 .-+=<>/\n\rABCDEFGHIJKLMNOPQRSTUVWXYZ_abcxyz\"'")
                .ofMaxLength(400);
        Arbitrary<String> tleLike = Arbitraries.strings().withChars("0123456789 .-+U").ofLength(67)
                .list().ofMinSize(1).ofMaxSize(3).map(ls -> {
                    StringBuilder sb = new StringBuilder();
                    int n = 1;
                    for (String l : ls) {
                        String body = n + l;
                        sb.append(body).append(ElementSet.checksum(body)).append('\n');
                        n++;
                    }
                    return sb.toString();
                });
        return Arbitraries.oneOf(text, tleLike, text.map(s -> "CCSDS_OMM_VERS = 3.0\n" + s), text.map(s -> "<omm>" + s),
                text.map(s -> LINES[1] + "\n" + s));
    }

    @Property(tries = 400)
    void junkIsRefusedWithACodeNeverACrash(@ForAll("junk") String text) {
        Throwable t = catchThrowable(() -> ElementSet.parse(text));
        if (t != null) {
            assertThat(t).isInstanceOf(ElementsException.class);
            assertThat(((ElementsException) t).problem()).isIn(ElementsProblem.MALFORMED, ElementsProblem.BAD_CHECKSUM,
                    ElementsProblem.UNSUPPORTED);
            assertThat(t.getMessage()).isNotBlank();
        }
    }

    @Property(tries = 300)
    void checkAcceptsExactlyTheElementsInsideTheLimits(@ForAll("orbits") Orbit o, @ForAll("limits") ElementsLimits limits,
                                                       @ForAll @IntRange(min = -3600, max = 40 * 86_400) int ageS) {
        TLE tle = o.tle();
        ElementSet e = ElementSet.parse(tle.getLine1() + "\n" + tle.getLine2());
        Instant now = e.epoch().plusSeconds(ageS);
        boolean inside = -ageS <= limits.maxFutureS() && ageS / 86_400.0 <= limits.maxAgeDays()
                && e.meanMotionRevPerDay() >= limits.minMeanMotionRevPerDay()
                && e.meanMotionRevPerDay() <= limits.maxMeanMotionRevPerDay()
                && e.eccentricity() <= limits.maxEccentricity()
                && e.inclinationDeg() >= limits.minInclinationDeg() && e.inclinationDeg() <= limits.maxInclinationDeg();
        Throwable t = catchThrowable(() -> e.check(limits, now));
        if (inside) {
            assertThat(t).isNull();
        } else {
            assertThat(t).isInstanceOf(ElementsException.class);
        }
    }
}
