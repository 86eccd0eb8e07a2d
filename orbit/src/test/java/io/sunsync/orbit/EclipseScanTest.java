package io.sunsync.orbit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EclipseScanTest {
    private static final Instant SOLSTICE = Instant.parse("2027-06-21T00:00:00Z");

    private static List<EclipsePass> day(double altitudeKm, Instant start) {
        ElementSet e = ElementSet.of(Fixtures.dawnDusk(start, altitudeKm), "test");
        return new EclipseScan(e.propagator(), start).advanceTo(start.plus(Duration.ofDays(1)));
    }

    @Test
    void aDawnDuskOrbitAt693KmSeesTheSentinel1EclipseAtTheSolstice() {
        // Sentinel-1 (693 km, LTAN 18:00): longest eclipse about 19 min, around the June solstice
        // (ESA Sentinel-1 user handbook, orbit chapter).
        List<EclipsePass> passes = day(693, SOLSTICE);
        assertThat(passes).hasSizeBetween(14, 15);
        double longestMin = passes.stream().mapToDouble(EclipsePass::durationS).max().orElseThrow() / 60;
        assertThat(longestMin).isCloseTo(19.0, within(0.5));
    }

    @Test
    void atZeroBetaTheShadowLastsWhatTheCylinderGivesToOnePercent() {
        // An orbit plane through the Sun (node at noon): beta about 0. The cylindrical-shadow
        // eclipse fraction (1/pi) acos(sqrt(h^2 + 2Rh)/a) is the classical reference; the conical
        // umbra is a little shorter than the cylinder and the penumbra a little longer, the
        // oblate Earth's polar radius a little smaller: their mean matches within 1 %.
        Instant t = SOLSTICE;
        var tle = Fixtures.dawnDusk(t, 650);
        var noon = new org.orekit.propagation.analytical.tle.TLE(tle.getSatelliteNumber(), 'U', 2027, 42, "A", 0, 999,
                tle.getDate(), tle.getMeanMotion(), 0, 0, 1e-4, Math.toRadians(97.986), Math.PI / 2,
                tle.getRaan() - Math.PI / 2, 0, 1200, 2.5e-5, OrekitData.utc());
        List<EclipsePass> passes = new EclipseScan(ElementSet.of(noon, "noon").propagator(), t)
                .advanceTo(t.plus(Duration.ofHours(6)));
        double a = 6_378_137.0 + 650_000.0;
        double h = a - 6_378_137.0;
        double periodS = 2 * Math.PI / tle.getMeanMotion();
        double cylinderS = Math.acos(Math.sqrt(h * h + 2 * 6_378_137.0 * h) / a) / Math.PI * periodS;
        assertThat(passes).hasSizeGreaterThanOrEqualTo(3);
        for (EclipsePass p : passes) {
            assertThat(p.total()).isTrue();
            assertThat((p.umbraS() + p.durationS()) / 2).isCloseTo(cylinderS, within(0.01 * cylinderS));
            // The Sun's disc (0.53 deg) sets behind the limb in about 8.5 s at this geometry.
            assertThat(Duration.between(p.penumbraStart(), p.umbraStart()).toMillis() / 1000.0).isBetween(7.0, 10.0);
        }
    }

    @Test
    void umbraLiesInsidePenumbraAndPassesComeOncePerOrbit() {
        List<EclipsePass> passes = day(650, SOLSTICE);
        double periodS = 86_400 / 14.73;
        for (int i = 0; i < passes.size(); i++) {
            EclipsePass p = passes.get(i);
            assertThat(p.total()).isTrue();
            assertThat(p.umbraStart()).isAfter(p.penumbraStart());
            assertThat(p.penumbraEnd()).isAfter(p.umbraEnd());
            if (i > 0) {
                double gapS = Duration.between(passes.get(i - 1).penumbraStart(), p.penumbraStart()).toMillis() / 1000.0;
                assertThat(gapS).isCloseTo(periodS, within(30.0));
            }
        }
    }

    @Test
    void scanningInPiecesFindsTheSamePassesAsInOneGo() {
        Instant start = SOLSTICE.plus(Duration.ofMinutes(17)); // not on a pass boundary
        ElementSet e = ElementSet.of(Fixtures.dawnDusk(SOLSTICE, 650), "test");
        List<EclipsePass> whole = new EclipseScan(e.propagator(), start).advanceTo(start.plus(Duration.ofHours(8)));
        EclipseScan pieces = new EclipseScan(e.propagator(), start);
        List<EclipsePass> joined = new ArrayList<>();
        for (int m = 7; m <= 480; m += 7) { // 7-minute pieces cut passes in two
            joined.addAll(pieces.advanceTo(start.plus(Duration.ofMinutes(m))));
        }
        joined.addAll(pieces.advanceTo(start.plus(Duration.ofHours(8))));
        assertThat(joined).hasSameSizeAs(whole).isNotEmpty();
        assertThat(pieces.complete()).isAfterOrEqualTo(whole.get(whole.size() - 1).penumbraEnd());
        for (int i = 0; i < whole.size(); i++) {
            assertThat(Duration.between(whole.get(i).penumbraStart(), joined.get(i).penumbraStart()).abs().toMillis())
                    .isLessThanOrEqualTo(2);
            assertThat(Duration.between(whole.get(i).umbraEnd(), joined.get(i).umbraEnd()).abs().toMillis())
                    .isLessThanOrEqualTo(2);
        }
    }

    @Test
    void aPassUnderWayWhenTheScanStartsIsNotReportedHalfSeen() {
        List<EclipsePass> passes = day(650, SOLSTICE);
        EclipsePass first = passes.get(0);
        Instant inside = first.umbraStart().plusSeconds(60);
        ElementSet e = ElementSet.of(Fixtures.dawnDusk(SOLSTICE, 650), "test");
        EclipseScan scan = new EclipseScan(e.propagator(), inside);
        assertThat(scan.inShadow()).isTrue();
        assertThat(scan.complete()).isEqualTo(inside); // nothing known to be complete yet
        scan.advanceTo(first.umbraEnd());
        assertThat(scan.complete()).isEqualTo(inside);
        List<EclipsePass> after = scan.advanceTo(inside.plus(Duration.ofHours(3)));
        assertThat(after).isNotEmpty();
        assertThat(scan.complete()).isAfterOrEqualTo(after.get(after.size() - 1).penumbraEnd());
        assertThat(after.get(0).penumbraStart()).isAfter(first.penumbraEnd());
    }

    @Test
    void aGrazingPassKnowsHowMuchOfTheSunItStillShows() {
        // The first eclipses of the season only clip the Sun's disc. Each pass's least light is
        // checked against a brute-force search (every 0.25 s) with a propagator of its own, and the
        // longer a grazing pass, the deeper it goes.
        Instant start = Instant.parse("2027-05-01T00:00:00Z");
        ElementSet e = ElementSet.of(Fixtures.dawnDusk(start, 650), "test");
        List<EclipsePass> grazing = new EclipseScan(e.propagator(), start).advanceTo(start.plus(Duration.ofDays(20)))
                .stream().filter(p -> !p.total()).toList();
        assertThat(grazing).hasSizeGreaterThan(5);
        var propagator = e.propagator();
        var engine = new org.orekit.utils.OccultationEngine(OrekitData.sun(), org.orekit.utils.Constants.SUN_RADIUS,
                OrekitData.earth());
        for (EclipsePass p : grazing.subList(0, 3)) {
            double least = 1;
            for (Instant t = p.penumbraStart(); t.isBefore(p.penumbraEnd()); t = t.plusMillis(250)) {
                var at = engine.angles(new org.orekit.propagation.SpacecraftState(
                        propagator.propagateOrbit(OrekitData.date(t))));
                least = Math.min(least, SolarDisc.visibleFraction(at.getSeparation(), at.getLimbRadius(),
                        at.getOccultedApparentRadius()));
            }
            assertThat(p.minLitFraction()).isGreaterThan(0).isLessThan(1).isCloseTo(least, within(1e-3));
        }
        List<EclipsePass> byLength = grazing.stream()
                .sorted(java.util.Comparator.comparingDouble(EclipsePass::durationS)).toList();
        for (int i = 1; i < byLength.size(); i++) {
            assertThat(byLength.get(i).minLitFraction()).isLessThanOrEqualTo(byLength.get(i - 1).minLitFraction() + 1e-3);
        }
        assertThat(day(650, SOLSTICE)).allSatisfy(p -> assertThat(p.minLitFraction()).isZero());
    }
}
