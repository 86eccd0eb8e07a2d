package io.sunsync.sim.fdyn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.sunsync.orbit.ElementFormat;
import io.sunsync.orbit.ElementSet;
import io.sunsync.orbit.ElementsLimits;
import io.sunsync.orbit.OrekitData;
import io.sunsync.orbit.EclipsePass;
import io.sunsync.sim.scenario.Scenario;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.orekit.attitudes.FrameAlignedProvider;
import org.orekit.frames.Frame;
import org.orekit.propagation.analytical.tle.TLE;
import org.orekit.propagation.analytical.tle.TLEPropagator;
import org.orekit.time.AbsoluteDate;

/** Elements fitted to the truth, written as TLE and OMM, and the ground's eclipse ephemeris. */
class FlightDynamicsTest {
    private static final Scenario SCENARIO = Scenario.reference();
    private static final FlightDynamics FD = FlightDynamics.of(SCENARIO);

    private static double sgp4ErrorM(FittedElements el, Instant t) {
        var ctx = OrekitData.context();
        Frame teme = ctx.getFrames().getTEME();
        Frame eme2000 = ctx.getFrames().getEME2000();
        TLE tle = new TLE(el.line1(), el.line2(), OrekitData.utc());
        TLEPropagator sgp4 = TLEPropagator.selectExtrapolator(tle, new FrameAlignedProvider(teme), 1000, teme);
        var predicted = sgp4.getPVCoordinates(new AbsoluteDate(t, OrekitData.utc()), eme2000);
        return predicted.getPosition().distance(FD.truth().pv(t, eme2000).getPosition());
    }

    @Test
    void elementsAreATleWithValidChecksumsThatOrekitReadsAtTheAskedEpoch() {
        FittedElements el = FD.elements(SCENARIO.start());
        assertThat(el.line1()).hasSize(69).startsWith("1 99001U");
        assertThat(el.line2()).hasSize(69).startsWith("2 99001 ");
        assertThat(el.checksumsValid()).isTrue();
        assertThat(TLE.isFormatOK(el.line1(), el.line2())).isTrue();
        assertThat(el.tle()).isEqualTo(el.line1() + "\n" + el.line2() + "\n");
        TLE tle = new TLE(el.line1(), el.line2(), OrekitData.utc());
        assertThat(tle.getDate().toInstant(OrekitData.context().getTimeScales())).isEqualTo(SCENARIO.start());
        // plausible for this satellite: ~14.7 rev/day, sun-synchronous inclination, near-circular
        assertThat(tle.getMeanMotion() * 86_400 / (2 * Math.PI)).isCloseTo(14.73, within(0.05));
        assertThat(Math.toDegrees(tle.getI())).isCloseTo(SCENARIO.orbit().model().inclinationDeg(), within(0.05));
        assertThat(tle.getE()).isLessThan(0.003);
        // a changed digit breaks the checksum
        String bad = el.line2().substring(0, 20) + (el.line2().charAt(20) == '1' ? '2' : '1') + el.line2().substring(21);
        assertThat(new FittedElements(el.epoch(), el.line1(), bad, el.omm(), 0, 0, 0, 0).checksumsValid()).isFalse();
    }

    @Test
    void theFitFollowsADayOfTruthToTensOfMetresAndPredictsTheNextDayToAKilometre() {
        FittedElements el = FD.elements(SCENARIO.start());
        assertThat(el.fitPoints()).isEqualTo((int) (FlightDynamics.DEFAULT_FIT_SPAN_S / FlightDynamics.FIT_STEP_S) + 1);
        assertThat(el.fitRmsM()).isBetween(1.0, 100.0);
        assertThat(el.bStarPerEarthRadius()).isPositive();
        // SGP4 is not the truth's model: the error is real, and grows
        assertThat(sgp4ErrorM(el, SCENARIO.start().minusSeconds(6 * 3600))).isLessThan(300);
        double dayAhead = sgp4ErrorM(el, SCENARIO.start().plus(Duration.ofDays(1)));
        assertThat(dayAhead).isBetween(1.0, 1_000.0);
    }

    @Test
    void elementsAreFittedAtEpochsWhereOrekitsFixedPointMeanElementsDoNotConverge() {
        // eclipse-season-depth at +12 h and +60 h: Orekit's fixed-point generation alone failed there
        // ("unable to compute TLE mean parameters after 101 iterations", "maximal count (100) exceeded").
        Scenario depth = Scenario.load(java.nio.file.Path.of("scenarios/eclipse-season-depth.yaml"));
        FlightDynamics fd = FlightDynamics.of(depth);
        for (long hours : new long[] {12, 60}) {
            FittedElements el = fd.elements(depth.start().plus(Duration.ofHours(hours)));
            assertThat(el.fitRmsM()).as("fit residual at +%d h", hours).isLessThan(100);
        }
    }

    @Test
    void theOmmCarriesTheSameElementsAndTheOnBoardParserAcceptsBothForms() {
        FittedElements el = FD.elements(SCENARIO.start());
        assertThat(el.omm()).contains("CCSDS_OMM_VERS", "MEAN_ELEMENT_THEORY = SGP/SGP4", "REF_FRAME           = TEME",
                "NORAD_CAT_ID        = 99001", "BSTAR");
        // flight's own parser and plausibility checks (the elements command's) take both forms
        ElementsLimits limits = new ElementsLimits(99001, 14, 60, 14.0, 15.5, 0.01, 97.0, 99.0);
        ElementSet fromTle = ElementSet.parse(el.tle()).check(limits, SCENARIO.start());
        ElementSet fromOmm = ElementSet.parse(el.omm()).check(limits, SCENARIO.start());
        assertThat(fromTle.format()).isEqualTo(ElementFormat.TLE);
        assertThat(fromOmm.format()).isEqualTo(ElementFormat.OMM_KVN);
        TLE tle = fromTle.tle();
        TLE back = fromOmm.tle();
        // equal to the TLE format's precision (the OMM carries every digit): 1e-8 rev/day, 1e-7 in
        // eccentricity, 1e-4 degrees, five digits of B*
        assertThat(back.getDate()).isEqualTo(tle.getDate());
        assertThat(fromOmm.meanMotionRevPerDay()).isCloseTo(fromTle.meanMotionRevPerDay(), within(1e-8));
        assertThat(back.getE()).isCloseTo(tle.getE(), within(1e-7));
        assertThat(Math.toDegrees(back.getI())).isCloseTo(Math.toDegrees(tle.getI()), within(1e-4));
        assertThat(Math.toDegrees(back.getRaan())).isCloseTo(Math.toDegrees(tle.getRaan()), within(1e-4));
        assertThat(back.getBStar()).isCloseTo(tle.getBStar(), within(Math.abs(tle.getBStar()) * 1e-4));
        assertThat(fromOmm.name()).isEqualTo("SUNSYNC REFERENCE");
    }

    @Test
    void agedElementsHaveTheirEpochBeforeTheStartAndAreRefittedNotShifted() {
        FittedElements aged = FD.elementsAged(Duration.ofDays(2));
        assertThat(aged.epoch()).isEqualTo(SCENARIO.start().minus(Duration.ofDays(2)));
        assertThat(aged.checksumsValid()).isTrue();
        FittedElements fresh = FD.elements(SCENARIO.start());
        assertThat(aged.line2()).isNotEqualTo(fresh.line2());
        // the same request is served from the fits already made
        assertThat(FD.elementsAged(Duration.ofDays(2))).isSameAs(aged);
        // older elements predict the start worse than fresh ones
        assertThat(sgp4ErrorM(aged, SCENARIO.start())).isGreaterThan(sgp4ErrorM(fresh, SCENARIO.start()));
        assertThatThrownBy(() -> FD.elementsAged(Duration.ofDays(-1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FD.elements(SCENARIO.start(), 60)).hasMessageContaining("fitSpanS");
    }

    @Test
    void theEclipseEphemerisIsTheTruthsShadowShiftedAsAsked() {
        Instant from = SCENARIO.start();
        Instant to = from.plus(Duration.ofHours(6));
        List<EclipsePass> truth = FD.truth().eclipses(from, to);
        List<EclipsePass> onTime = FD.eclipses(from, to);
        List<EclipsePass> late = FD.eclipses(from, to, 10);
        List<EclipsePass> early = FD.eclipses(from, to, -60);
        assertThat(onTime).isEqualTo(truth).hasSizeGreaterThanOrEqualTo(3);
        for (int i = 0; i < truth.size(); i++) {
            assertThat(Duration.between(truth.get(i).penumbraStart(), late.get(i).penumbraStart()))
                    .isEqualTo(Duration.ofSeconds(10));
            assertThat(Duration.between(truth.get(i).umbraEnd(), early.get(i).umbraEnd())).isEqualTo(Duration.ofSeconds(-60));
            assertThat(late.get(i).durationS()).isCloseTo(truth.get(i).durationS(), within(1e-6));
        }
    }
}
