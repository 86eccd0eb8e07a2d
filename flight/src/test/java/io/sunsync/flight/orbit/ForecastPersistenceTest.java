package io.sunsync.flight.orbit;

import static org.assertj.core.api.Assertions.assertThat;

import io.sunsync.flight.events.Event;
import io.sunsync.flight.throttle.EclipseWindow;
import io.sunsync.flight.throttle.ForecastSource;
import io.sunsync.orbit.ElementSet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A restart loses no forecast; a corrupt forecast file is reported and ignored, never a crash. */
class ForecastPersistenceTest {
    private static final Instant T = Instant.parse("2027-06-21T00:00:00Z");
    private static final long RUN_S = 3 * 5862;

    /** Elements, an ephemeris and two observed eclipses, stored in {@code dir}. */
    private static OrbitFixture flownAndStored(Path dir) {
        OrbitFixture f = new OrbitFixture(dir, OrbitConfig.defaults(), null);
        f.orbit.start(T);
        f.orbit.accept(ElementSet.parse(OrbitFixture.tle(T.minus(Duration.ofDays(1)))), T);
        Instant g = T.plusSeconds(3000);
        Instant graze = g.plusSeconds(6000);
        f.orbit.uplinkEphemeris(List.of(new EclipseWindow(g, g.plusSeconds(1180), g.plusSeconds(20),
                g.plusSeconds(1160), 2.5, ForecastSource.GROUND), new EclipseWindow(graze, graze.plusSeconds(90),
                graze.plusSeconds(45), graze.plusSeconds(45), 2.5, ForecastSource.GROUND, 0.4)), T);
        // Two eclipses seen where these elements put them (the sunlit flag, as the throttler feeds it).
        ElementSet flown = ElementSet.parse(OrbitFixture.tle(T.minus(Duration.ofDays(1))));
        List<io.sunsync.orbit.EclipsePass> sky = new io.sunsync.orbit.EclipseScan(flown.propagator(), T.minusSeconds(7200))
                .advanceTo(T.plusSeconds(RUN_S + 7200));
        for (long s = 0; s <= RUN_S; s += 1) {
            Instant t = T.plusSeconds(s);
            f.forecaster.observe(t, sky.stream().noneMatch(p -> !t.isBefore(p.umbraStart()) && t.isBefore(p.umbraEnd())));
            if (s % 5 == 0) {
                f.orbit.tick(t);
            }
        }
        return f;
    }

    @Test
    void aRestartLosesNoForecast(@TempDir Path dir) {
        OrbitFixture before = flownAndStored(dir);
        Instant later = T.plusSeconds(RUN_S + 100);
        assertThat(before.forecaster.observed()).hasSizeBetween(2, 3);
        assertThat(before.forecaster.missedAnEclipse(ForecastSource.ONBOARD)).isFalse();
        assertThat(before.forecaster.lastErrorS(ForecastSource.ONBOARD).orElseThrow()).isZero(); // Orekit agrees with itself

        OrbitFixture after = new OrbitFixture(dir, OrbitConfig.defaults(), null);
        after.orbit.start(later);
        after.run(later, 60, 5);
        assertThat(after.events).extracting(Event::code).doesNotContain("FORECAST_STATE_CORRUPT");
        assertThat(after.forecaster.ephemeris()).isEqualTo(before.forecaster.ephemeris());
        assertThat(after.forecaster.ephemeris()).extracting(EclipseWindow::minLitFraction).containsExactly(0.0, 0.4);
        assertThat(after.forecaster.ephemerisUplinkedAt()).contains(T);
        assertThat(after.forecaster.observed()).isEqualTo(before.forecaster.observed());
        var hk = after.orbit.housekeeping(later);
        assertThat(hk.elements().epoch()).isEqualTo(T.minus(Duration.ofDays(1)));
        assertThat(hk.elements().acceptedAt()).isEqualTo(T);
        // The same elements predict the same eclipses.
        Instant probe = later.plusSeconds(3600);
        var was = before.forecaster.forecast(probe);
        var is = after.forecaster.forecast(probe);
        assertThat(is.source()).isEqualTo(was.source()).isEqualTo(ForecastSource.ONBOARD);
        assertThat(Math.abs(Duration.between(was.window().start(), is.window().start()).toMillis())).isLessThanOrEqualTo(1);
        assertThat(Math.abs(Duration.between(was.window().end(), is.window().end()).toMillis())).isLessThanOrEqualTo(1);
        assertThat(is.uncertaintyS()).isCloseTo(was.uncertaintyS(), org.assertj.core.api.Assertions.within(1e-6));
    }

    @Test
    void corruptForecastFilesAreReportedAndIgnored(@TempDir Path dir) throws Exception {
        flownAndStored(dir);
        Path elements = dir.resolve(ForecastStore.ELEMENTS);
        Path ephemeris = dir.resolve(ForecastStore.EPHEMERIS);
        Path learned = dir.resolve(ForecastStore.LEARNED);
        byte[] e = Files.readAllBytes(elements);
        Files.write(elements, java.util.Arrays.copyOf(e, e.length - 7)); // torn
        byte[] eph = Files.readAllBytes(ephemeris);
        eph[eph.length / 2] ^= 0x20; // one bit flipped
        Files.write(ephemeris, eph);
        Files.writeString(learned, "{\"windows\": [");

        OrbitFixture after = new OrbitFixture(dir, OrbitConfig.defaults(), null);
        Instant later = T.plusSeconds(20_000);
        after.orbit.start(later);
        after.run(later, 30, 5);
        assertThat(after.events).filteredOn(ev -> ev.code().equals("FORECAST_STATE_CORRUPT"))
                .extracting(ev -> Path.of((String) ev.data().get("file")).getFileName().toString())
                .containsExactlyInAnyOrder(ForecastStore.ELEMENTS, ForecastStore.EPHEMERIS, ForecastStore.LEARNED);
        assertThat(after.forecaster.forecast(later).source()).isEqualTo(ForecastSource.WORST_CASE);
        assertThat(after.orbit.housekeeping(later).stateProblems()).isEqualTo(3);
        // The next uplink replaces the bad file and is read back after another restart.
        after.orbit.accept(ElementSet.parse(OrbitFixture.tle(T)), later);
        OrbitFixture third = new OrbitFixture(dir, OrbitConfig.defaults(), null);
        third.orbit.start(later.plusSeconds(60));
        assertThat(third.orbit.housekeeping(later.plusSeconds(60)).elements().epoch()).isEqualTo(T);
    }

    @Test
    void storedElementsThatNoLongerParseAreCorruptNotACrash(@TempDir Path dir) throws Exception {
        ForecastStore store = new ForecastStore(dir);
        String good = OrbitFixture.tle(T);
        int at = good.indexOf("\n1 ") + 20; // a digit of line 1's epoch
        char c = good.charAt(at);
        String bad = good.substring(0, at) + (char) ('0' + (c - '0' + 1) % 10) + good.substring(at + 1); // checksum off
        store.saveElements(new ForecastStore.StoredElements("UPLINK", bad, T, 1000, null));
        OrbitFixture f = new OrbitFixture(dir, OrbitConfig.defaults(), null);
        f.orbit.start(T);
        assertThat(f.codes()).containsExactly("FORECAST_STATE_CORRUPT");
        assertThat(f.events.get(0).data().get("problem").toString()).contains("do not parse");
    }

    @Test
    void elementsStoredTooLongAgoAreKeptButNotFlownAfterARestart(@TempDir Path dir) {
        OrbitFixture f = new OrbitFixture(dir, OrbitConfig.defaults(), null);
        f.orbit.start(T);
        f.orbit.accept(ElementSet.parse(OrbitFixture.tle(T.minus(Duration.ofDays(1)))), T);
        OrbitFixture after = new OrbitFixture(dir, OrbitConfig.defaults(), null);
        Instant muchLater = T.plus(Duration.ofDays(25));
        after.orbit.start(muchLater);
        assertThat(after.codes()).containsExactly("ORBIT_ELEMENTS_EXPIRED");
        assertThat(after.orbit.housekeeping(muchLater).elements().expired()).isTrue();
        assertThat(after.forecaster.forecast(muchLater).source()).isEqualTo(ForecastSource.WORST_CASE);
    }
}
