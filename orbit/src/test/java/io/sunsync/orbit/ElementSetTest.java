package io.sunsync.orbit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class ElementSetTest {
    private static final ElementsLimits SUNSYNC_1 = new ElementsLimits(67001, 21, 60, 14.2, 15.3, 0.01, 96, 100);
    private static final Instant NOW = Fixtures.EPOCH.plusSeconds(3 * 3600);

    private static void refused(ThrowingCallable call, ElementsProblem problem, String reason) {
        assertThatThrownBy(call).isInstanceOfSatisfying(ElementsException.class, e -> {
            assertThat(e.problem()).isEqualTo(problem);
            assertThat(e.getMessage()).contains(reason);
        });
    }

    @Test
    void aTleWithItsTitleLineParsesToTheSatellitesElements() {
        ElementSet e = ElementSet.parse(Fixtures.text("sunsync-1.tle"));
        assertThat(e.format()).isEqualTo(ElementFormat.TLE);
        assertThat(e.name()).isEqualTo("SUNSYNC-1");
        assertThat(e.noradId()).isEqualTo(67001);
        assertThat(e.epoch()).isEqualTo(Fixtures.EPOCH);
        assertThat(e.meanMotionRevPerDay()).isCloseTo(14.73473854, within(1e-8));
        assertThat(e.eccentricity()).isCloseTo(1e-4, within(1e-10));
        assertThat(e.inclinationDeg()).isCloseTo(97.986, within(1e-6));
        assertThat(e.check(SUNSYNC_1, NOW)).isSameAs(e);
    }

    @Test
    void theSameElementsAsAnOmmInKvnOrXmlGiveTheSameOrbit() {
        ElementSet tle = ElementSet.parse(Fixtures.text("sunsync-1.tle"));
        for (String file : new String[] {"sunsync-1.omm", "sunsync-1.omm.xml"}) {
            ElementSet omm = ElementSet.parse(Fixtures.text(file));
            assertThat(omm.format()).isEqualTo(file.endsWith(".xml") ? ElementFormat.OMM_XML : ElementFormat.OMM_KVN);
            assertThat(omm.name()).isEqualTo("SUNSYNC-1");
            assertThat(omm.noradId()).isEqualTo(67001);
            assertThat(omm.epoch()).isEqualTo(tle.epoch());
            var at = OrekitData.date(NOW);
            double apartM = omm.propagator().getPVCoordinates(at, OrekitData.teme()).getPosition()
                    .distance(tle.propagator().getPVCoordinates(at, OrekitData.teme()).getPosition());
            assertThat(apartM).as("%s vs the TLE three hours on", file).isLessThan(1.0);
        }
    }

    @Test
    void aWrongChecksumIsNamedWithBothDigits() {
        String tle = Fixtures.text("sunsync-1.tle").replace("0  9998", "0  9997");
        refused(() -> ElementSet.parse(tle), ElementsProblem.BAD_CHECKSUM, "line 1 checksum is 7, its content sums to 8");
    }

    @Test
    void malformedTlesSayWhatIsWrong() {
        String good = Fixtures.text("sunsync-1.tle");
        String[] lines = good.split("\n");
        refused(() -> ElementSet.parse(lines[1]), ElementsProblem.MALFORMED, "two lines");
        refused(() -> ElementSet.parse(lines[1] + "\n" + lines[2].substring(0, 60)), ElementsProblem.MALFORMED,
                "line 2 must be 69 characters, is 60");
        refused(() -> ElementSet.parse(lines[2] + "\n" + lines[1]), ElementsProblem.MALFORMED, "must start with '1 '");
        String otherSat = lines[2].replace("2 67001", "2 67002");
        String fixedSum = otherSat.substring(0, 68) + ElementSet.checksum(otherSat);
        refused(() -> ElementSet.parse(lines[1] + "\n" + fixedSum), ElementsProblem.MALFORMED, "for satellite '67001', line 2 for '67002'");
        refused(() -> ElementSet.parse("  \n"), ElementsProblem.MALFORMED, "no elements");
    }

    @Test
    void anOmmForAnotherTheoryFrameOrWithoutAKeyIsRefused() {
        String omm = Fixtures.text("sunsync-1.omm");
        refused(() -> ElementSet.parse(omm.replace("MEAN_ELEMENT_THEORY = SGP4", "MEAN_ELEMENT_THEORY = DSST")),
                ElementsProblem.UNSUPPORTED, "MEAN_ELEMENT_THEORY is 'DSST'");
        refused(() -> ElementSet.parse(omm.replace("REF_FRAME = TEME", "REF_FRAME = EME2000")),
                ElementsProblem.UNSUPPORTED, "REF_FRAME is 'EME2000'");
        refused(() -> ElementSet.parse(omm.replace("CENTER_NAME = EARTH", "CENTER_NAME = MARS")),
                ElementsProblem.UNSUPPORTED, "CENTER_NAME is 'MARS'");
        refused(() -> ElementSet.parse(omm.replace("MEAN_MOTION = 14.73473854\n", "")), ElementsProblem.MALFORMED,
                "MEAN_MOTION");
        refused(() -> ElementSet.parse(omm.replace("ECCENTRICITY = 0.0001000", "ECCENTRICITY = lots")),
                ElementsProblem.MALFORMED, "OMM does not parse");
    }

    @Test
    void elementsThatDoNotFitThisSatelliteAreRefusedWithTheLimit() {
        ElementSet e = ElementSet.parse(Fixtures.text("sunsync-1.tle"));
        refused(() -> e.check(SUNSYNC_1, Fixtures.EPOCH.minusSeconds(600)), ElementsProblem.EPOCH_IN_FUTURE,
                "is 600 s after the on-board time");
        refused(() -> e.check(SUNSYNC_1, Fixtures.EPOCH.plusSeconds(22 * 86_400)), ElementsProblem.TOO_OLD,
                "22.0 days old (at most 21.0)");
        refused(() -> e.check(new ElementsLimits(67002, 21, 60, 14.2, 15.3, 0.01, 96, 100), NOW),
                ElementsProblem.WRONG_SATELLITE, "catalogue number 67001, this satellite is 67002");
        refused(() -> e.check(new ElementsLimits(null, 21, 60, 14.8, 15.3, 0.01, 96, 100), NOW),
                ElementsProblem.IMPLAUSIBLE_MEAN_MOTION, "mean motion 14.734739 rev/day is outside [14.800, 15.300]");
        refused(() -> e.check(new ElementsLimits(null, 21, 60, 14.2, 15.3, 0.00005, 96, 100), NOW),
                ElementsProblem.IMPLAUSIBLE_ECCENTRICITY, "eccentricity 0.0001000 is above");
        refused(() -> e.check(new ElementsLimits(null, 21, 60, 14.2, 15.3, 0.01, 60, 90), NOW),
                ElementsProblem.IMPLAUSIBLE_INCLINATION, "inclination 97.9860 deg is outside [60.00, 90.00]");
        assertThat(e.check(SUNSYNC_1, Fixtures.EPOCH.minusSeconds(59))).isSameAs(e);
    }
}
