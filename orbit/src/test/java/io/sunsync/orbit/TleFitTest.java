package io.sunsync.orbit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.hipparchus.geometry.euclidean.threed.Vector3D;
import org.junit.jupiter.api.Test;
import org.orekit.frames.Frame;
import org.orekit.propagation.analytical.tle.TLE;
import org.orekit.propagation.analytical.tle.TLEPropagator;

class TleFitTest {
    private static final Instant START = Instant.parse("2027-06-22T00:00:00Z");

    /** One orbit of Earth-fixed fixes every 100 s from {@code truth}, with GNSS-like noise (sigma 10 m, 0.1 m/s). */
    private static List<TleFit.Sample> fixes(TLEPropagator truth, long seed) {
        Random rnd = new Random(seed);
        Frame itrf = OrekitData.itrf();
        List<TleFit.Sample> out = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            Instant t = START.plusSeconds(100L * i);
            var pv = truth.getPVCoordinates(OrekitData.date(t), itrf);
            out.add(new TleFit.Sample(t, pv.getPosition().add(noise(rnd, 10)), pv.getVelocity().add(noise(rnd, 0.1))));
        }
        return out;
    }

    private static Vector3D noise(Random rnd, double sigma) {
        return new Vector3D(rnd.nextGaussian() * sigma, rnd.nextGaussian() * sigma, rnd.nextGaussian() * sigma);
    }

    private static double errorM(TLEPropagator truth, TLE fitted, Instant t) {
        var d = OrekitData.date(t);
        return truth.getPVCoordinates(d, OrekitData.teme()).getPosition()
                .distance(TLEPropagator.selectExtrapolator(fitted, OrekitData.teme()).getPVCoordinates(d, OrekitData.teme())
                        .getPosition());
    }

    @Test
    void elementsFittedToAnOrbitOfNoisyFixesPredictADayAheadToAFewHundredMetres() {
        TLE reference = Fixtures.dawnDusk(START.minusSeconds(86_400), 650);
        TLEPropagator truth = TLEPropagator.selectExtrapolator(reference, OrekitData.teme());
        List<TleFit.Sample> fixes = fixes(truth, 7);
        TleFit.Result fit = TleFit.fit(fixes, OrekitData.itrf(), reference, false);
        Instant last = fixes.get(fixes.size() - 1).t();
        assertThat(OrekitData.instant(fit.elements().getDate())).isEqualTo(last);
        assertThat(fit.elements().getSatelliteNumber()).isEqualTo(67001);
        assertThat(fit.rmsM()).isBetween(3.0, 30.0); // the noise, not a misfit
        assertThat(errorM(truth, fit.elements(), last.plusSeconds(86_400))).isLessThan(500);
        assertThat(fit.elements().getMeanMotion()).isCloseTo(reference.getMeanMotion(), within(1e-8));
    }

    @Test
    void fittingBeatsElementsTakenFromTheLastFixAlone() {
        // The argument for fitting: one fix's 0.1 m/s of velocity noise is ~200 m of semi-major
        // axis, kilometres of along-track drift a day later; an orbit of fixes averages it out.
        TLE reference = Fixtures.dawnDusk(START.minusSeconds(86_400), 650);
        TLEPropagator truth = TLEPropagator.selectExtrapolator(reference, OrekitData.teme());
        double fitWorst = 0;
        double singleBest = Double.MAX_VALUE;
        for (long seed = 1; seed <= 3; seed++) {
            List<TleFit.Sample> fixes = fixes(truth, seed);
            Instant last = fixes.get(fixes.size() - 1).t();
            TLE fitted = TleFit.fit(fixes, OrekitData.itrf(), reference, false).elements();
            TLE single = fromOneFix(fixes.get(fixes.size() - 1), reference);
            fitWorst = Math.max(fitWorst, errorM(truth, fitted, last.plusSeconds(86_400)));
            singleBest = Math.min(singleBest, errorM(truth, single, last.plusSeconds(86_400)));
        }
        assertThat(fitWorst).isLessThan(singleBest);
    }

    private static TLE fromOneFix(TleFit.Sample fix, TLE template) {
        var pv = new org.orekit.utils.TimeStampedPVCoordinates(OrekitData.date(fix.t()), fix.position(), fix.velocity());
        var teme = OrekitData.itrf().getTransformTo(OrekitData.teme(), pv.getDate()).transformPVCoordinates(pv);
        var state = new org.orekit.propagation.SpacecraftState(new org.orekit.orbits.CartesianOrbit(teme, OrekitData.teme(),
                org.orekit.utils.Constants.WGS84_EARTH_MU));
        return TLE.stateToTLE(state, template,
                new org.orekit.propagation.analytical.tle.generation.FixedPointTleGenerationAlgorithm(1e-10, 100, 1.0,
                        OrekitData.utc(), OrekitData.teme()));
    }

    @Test
    void tooFewSamplesAreRefused() {
        TLE reference = Fixtures.dawnDusk(START, 650);
        var fixes = fixes(TLEPropagator.selectExtrapolator(reference, OrekitData.teme()), 1).subList(0, 5);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> TleFit.fit(fixes, OrekitData.itrf(), reference, false))
                .isInstanceOfSatisfying(ElementsException.class,
                        e -> assertThat(e.problem()).isEqualTo(ElementsProblem.PROPAGATION_FAILED));
    }
}
