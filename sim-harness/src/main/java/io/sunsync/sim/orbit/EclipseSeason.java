package io.sunsync.sim.orbit;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * The eclipses a sun-synchronous orbit sees over one calendar year, from the beta angle
 * sampled every {@code sampleH} hours and the cylindrical-shadow eclipse fraction
 * ({@link EclipseGeometry#eclipseFraction}). Immutable.
 *
 * @param year               the calendar year
 * @param firstDay           first day with an eclipse (null when none)
 * @param lastDay            last day with an eclipse (null when none)
 * @param eclipseDays        number of days with an eclipse
 * @param longestEclipseS    longest eclipse of the year, in s
 * @param longestOn          the day of the longest eclipse (null when none)
 * @param minBetaDeg         smallest |beta| of the year, in degrees
 * @param maxBetaDeg         largest |beta| of the year, in degrees
 */
public record EclipseSeason(int year, LocalDate firstDay, LocalDate lastDay, int eclipseDays,
                            double longestEclipseS, LocalDate longestOn, double minBetaDeg, double maxBetaDeg) {

    /**
     * Scans {@code year} for {@code orbit}. Around the June solstice a dawn-dusk orbit's season
     * wraps no year boundary; one that does (e.g. a 06:00 orbit's December season) is reported
     * with {@code firstDay} after {@code lastDay}.
     *
     * @param sampleH beta sampling interval, in h (0 &lt; sampleH ≤ 24)
     */
    public static EclipseSeason of(SunSynchronousOrbit orbit, int year, double sampleH) {
        if (!(sampleH > 0 && sampleH <= 24)) {
            throw new IllegalArgumentException("sampleH must be in (0, 24], was " + sampleH);
        }
        LocalDate start = LocalDate.of(year, 1, 1);
        int days = start.lengthOfYear();
        CircularOrbitPropagator prop = new CircularOrbitPropagator(orbit, start.atStartOfDay().toInstant(ZoneOffset.UTC));
        double a = orbit.semiMajorAxisM();
        double period = orbit.periodS();
        boolean[] eclipse = new boolean[days];
        double longest = 0;
        LocalDate longestOn = null;
        double minBeta = Double.MAX_VALUE;
        double maxBeta = 0;
        int samplesPerDay = Math.max(1, (int) Math.round(24 / sampleH));
        for (int d = 0; d < days; d++) {
            for (int s = 0; s < samplesPerDay; s++) {
                Instant t = start.plusDays(d).atStartOfDay().toInstant(ZoneOffset.UTC)
                        .plusSeconds(Math.round(86_400.0 * s / samplesPerDay));
                double beta = prop.betaRad(t);
                minBeta = Math.min(minBeta, Math.abs(Math.toDegrees(beta)));
                maxBeta = Math.max(maxBeta, Math.abs(Math.toDegrees(beta)));
                double durationS = EclipseGeometry.eclipseFraction(a, beta) * period;
                if (durationS > 0) {
                    eclipse[d] = true;
                    if (durationS > longest) {
                        longest = durationS;
                        longestOn = start.plusDays(d);
                    }
                }
            }
        }
        int count = 0;
        for (boolean e : eclipse) {
            count += e ? 1 : 0;
        }
        if (count == 0) {
            return new EclipseSeason(year, null, null, 0, 0, null, minBeta, maxBeta);
        }
        if (count == days) {
            return new EclipseSeason(year, start, start.plusDays(days - 1), count, longest, longestOn, minBeta, maxBeta);
        }
        // The season starts on a day with an eclipse whose previous day (cyclically) had none.
        int first = -1;
        int last = -1;
        for (int d = 0; d < days; d++) {
            if (eclipse[d] && !eclipse[(d - 1 + days) % days]) {
                first = d;
            }
            if (eclipse[d] && !eclipse[(d + 1) % days]) {
                last = d;
            }
        }
        return new EclipseSeason(year, start.plusDays(first), start.plusDays(last), count, longest, longestOn,
                minBeta, maxBeta);
    }
}
