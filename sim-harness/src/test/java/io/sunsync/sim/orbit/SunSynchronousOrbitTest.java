package io.sunsync.sim.orbit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.time.Month;
import org.junit.jupiter.api.Test;

class SunSynchronousOrbitTest {
    private static final SunSynchronousOrbit SENTINEL_1 = new SunSynchronousOrbit(693, 18.0);
    private static final SunSynchronousOrbit REFERENCE = new SunSynchronousOrbit(650, 18.0);

    @Test
    void periodFollowsKeplersThirdLaw() {
        // T = 2π √(a³/μ) with a = 6378.137 + 650 km: 5863.7 s = 97.73 min
        double a = 7_028_137.0;
        assertThat(REFERENCE.periodS()).isCloseTo(2 * Math.PI * Math.sqrt(a * a * a / 3.986004418e14), within(1e-6));
        assertThat(REFERENCE.periodS() / 60).isCloseTo(97.7, within(0.05));
    }

    @Test
    void sentinel1At693KmHasThePublishedPeriodAndInclination() {
        // ESA Sentinel-1 mission guide: 98.6 min period, 98.18° inclination (J2-only circular: 98.16°).
        assertThat(SENTINEL_1.periodS() / 60).isCloseTo(98.6, within(0.05));
        assertThat(SENTINEL_1.inclinationDeg()).isCloseTo(98.18, within(0.05));
    }

    @Test
    void inclinationMakesTheNodeTurnOnceATropicalYear() {
        for (double h : new double[] {400, 650, 800, 1200}) {
            SunSynchronousOrbit o = new SunSynchronousOrbit(h, 18);
            // J2 precession rate −3/2 J2 (R/a)² n cos i equals 360° per 365.2422 days.
            assertThat(Math.toDegrees(o.nodeRateRadS()) * 86_400 * 365.2421897).isCloseTo(360.0, within(1e-9));
            assertThat(o.inclinationDeg()).isBetween(96.0, 101.0);
        }
        // Published SSO inclinations: 97.0° at 400 km... 98.0° at 650 km (reference satellite).
        assertThat(REFERENCE.inclinationDeg()).isCloseTo(98.0, within(0.05));
    }

    @Test
    void criticalBetaIsTheAngleWhereTheOrbitJustGrazesTheShadow() {
        assertThat(REFERENCE.criticalBetaDeg()).isCloseTo(Math.toDegrees(Math.asin(6378.137 / 7028.137)), within(1e-9));
        assertThat(REFERENCE.criticalBetaDeg()).isCloseTo(65.2, within(0.05));
    }

    @Test
    void ltanParsesHoursAndMinutesAndRejectsNonsense() {
        assertThat(SunSynchronousOrbit.parseLtan("18:00")).isEqualTo(18.0);
        assertThat(SunSynchronousOrbit.parseLtan("06:30")).isEqualTo(6.5);
        assertThatThrownBy(() -> SunSynchronousOrbit.parseLtan("25:00")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SunSynchronousOrbit.parseLtan("six")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SunSynchronousOrbit(90_000, 18)).hasMessageContaining("low Earth orbit");
    }

    @Test
    void dawnDuskOrbitAt693KmHasItsLongestEclipseOfNineteenMinutesNearTheJuneSolstice() {
        EclipseSeason season = EclipseSeason.of(SENTINEL_1, 2027, 1.0);
        assertThat(season.longestEclipseS() / 60).isCloseTo(19.0, within(0.5));
        assertThat(season.longestOn().getMonth()).isIn(Month.JUNE, Month.JULY);
    }

    @Test
    void dawnDuskOrbitAt650KmHasAnEclipseSeasonOfAbout88DaysAroundTheJuneSolstice() {
        EclipseSeason season = EclipseSeason.of(REFERENCE, 2027, 1.0);
        assertThat(season.eclipseDays()).isBetween(83, 93);
        assertThat(season.longestEclipseS() / 60).isCloseTo(19.7, within(0.3));
        assertThat(season.firstDay()).isBefore(java.time.LocalDate.of(2027, 6, 21));
        assertThat(season.lastDay()).isAfter(java.time.LocalDate.of(2027, 6, 21));
        // The season is centred on the solstice within a couple of weeks (the equation of time shifts it).
        long mid = (season.firstDay().toEpochDay() + season.lastDay().toEpochDay()) / 2;
        assertThat(mid).isBetween(java.time.LocalDate.of(2027, 6, 7).toEpochDay(),
                java.time.LocalDate.of(2027, 7, 5).toEpochDay());
    }

    @Test
    void sunIrradianceVariesByAbout3point3PercentOverTheYearLowestInEarlyJuly() {
        double perihelion = SunPosition.at(Instant.parse("2027-01-03T12:00:00Z")).irradianceWm2();
        double aphelion = SunPosition.at(Instant.parse("2027-07-05T12:00:00Z")).irradianceWm2();
        assertThat(perihelion / 1361.0 - 1).isCloseTo(0.0342, within(0.001));
        assertThat(aphelion / 1361.0 - 1).isCloseTo(-0.0330, within(0.001));
    }
}
