package io.sunsync.flight.orbit;

import io.sunsync.hal.config.ConfigException;
import io.sunsync.orbit.ElementsLimits;

/**
 * The {@code orbit} section of the satellite config: what elements this satellite accepts, how
 * far ahead it predicts its eclipses, how the prediction's uncertainty grows, and how it refreshes
 * its elements from a navigation receiver. Missing values take the defaults in brackets (the
 * reference satellite: 650 km dawn-dusk sun-synchronous); see {@code docs/throttler.md}.
 *
 * @param stateDir                 folder for the stored forecast (elements, ephemeris, learned eclipses),
 *                                 relative to the config file [the commanding state folder's {@code orbit/};
 *                                 in memory only without commanding]
 * @param noradId                  this satellite's catalogue number; elements for another are refused [any]
 * @param maxElementAgeDays        elements older than this are refused, and stop being flown when they
 *                                 reach it, in days [21]
 * @param maxEpochAheadS           elements whose epoch is this far after the on-board time are refused, in s [60]
 * @param minMeanMotionRevPerDay   lowest plausible mean motion, in rev/day [14.2 (about 820 km)]
 * @param maxMeanMotionRevPerDay   highest plausible mean motion, in rev/day [15.3 (about 480 km)]
 * @param maxEccentricity          highest plausible eccentricity [0.01]
 * @param minInclinationDeg        lowest plausible inclination, in degrees [96]
 * @param maxInclinationDeg        highest plausible inclination, in degrees [100]
 * @param horizonH                 eclipses are predicted this far ahead, in h [12]
 * @param planningPeriodS          period of the planning rate group that extends the prediction, in s [5; above
 *                                 5 s it also raises the clock jump the scheduler tolerates, docs/deploy.md]
 * @param alongTrackErrorM         along-track error of uplinked elements at their epoch, in m [1000]
 * @param alongTrackGrowthMPerDay  growth of the along-track error per day from the epoch, in m/day [2000]
 * @param shadowModelErrorS        timing error of the shadow model itself (Sun, Earth figure, no
 *                                 atmosphere), in s [2]
 * @param gnssFixPeriodS           a navigation fix is taken this often, in s [60]
 * @param gnssFitWindowS           elements are fitted to the fixes of this last stretch, in s [6000, about an orbit]
 * @param gnssMinFixes             usable fixes needed for a fit [30]
 * @param gnssRefitPeriodS         elements are fitted again once the ones flown are this old, in s [10800]
 * @param gnssMaxFitRmsM           a fit whose position residual exceeds this is refused, in m [500]
 * @param gnssAlongTrackErrorM     along-track error of fitted elements at their epoch, in m [200]
 */
public record OrbitConfig(String stateDir, Integer noradId, Double maxElementAgeDays, Double maxEpochAheadS,
                          Double minMeanMotionRevPerDay, Double maxMeanMotionRevPerDay, Double maxEccentricity,
                          Double minInclinationDeg, Double maxInclinationDeg, Double horizonH, Double planningPeriodS,
                          Double alongTrackErrorM, Double alongTrackGrowthMPerDay, Double shadowModelErrorS,
                          Double gnssFixPeriodS, Double gnssFitWindowS, Integer gnssMinFixes, Double gnssRefitPeriodS,
                          Double gnssMaxFitRmsM, Double gnssAlongTrackErrorM) {
    public OrbitConfig {
        if (stateDir != null && stateDir.isBlank()) {
            throw new ConfigException("stateDir", "must name a folder (or be left out)");
        }
        if (noradId != null && (noradId < 1 || noradId > 999_999_999)) {
            throw new ConfigException("noradId", "must be in [1, 999999999], was " + noradId);
        }
        maxElementAgeDays = range("maxElementAgeDays", maxElementAgeDays, 21.0, 0.01, 365);
        maxEpochAheadS = range("maxEpochAheadS", maxEpochAheadS, 60.0, 0, 86_400);
        minMeanMotionRevPerDay = range("minMeanMotionRevPerDay", minMeanMotionRevPerDay, 14.2, 0.5, 20);
        maxMeanMotionRevPerDay = range("maxMeanMotionRevPerDay", maxMeanMotionRevPerDay, 15.3, 0.5, 20);
        if (maxMeanMotionRevPerDay <= minMeanMotionRevPerDay) {
            throw new ConfigException("maxMeanMotionRevPerDay", "must be above minMeanMotionRevPerDay ("
                    + minMeanMotionRevPerDay + ")");
        }
        maxEccentricity = range("maxEccentricity", maxEccentricity, 0.01, 0, 0.99);
        minInclinationDeg = range("minInclinationDeg", minInclinationDeg, 96.0, 0, 180);
        maxInclinationDeg = range("maxInclinationDeg", maxInclinationDeg, 100.0, 0, 180);
        if (maxInclinationDeg <= minInclinationDeg) {
            throw new ConfigException("maxInclinationDeg", "must be above minInclinationDeg (" + minInclinationDeg + ")");
        }
        horizonH = range("horizonH", horizonH, 12.0, 1, 72);
        planningPeriodS = range("planningPeriodS", planningPeriodS, 5.0, 0.1, 600);
        alongTrackErrorM = range("alongTrackErrorM", alongTrackErrorM, 1000.0, 0, 1e6);
        alongTrackGrowthMPerDay = range("alongTrackGrowthMPerDay", alongTrackGrowthMPerDay, 2000.0, 0, 1e6);
        shadowModelErrorS = range("shadowModelErrorS", shadowModelErrorS, 2.0, 0, 600);
        gnssFixPeriodS = range("gnssFixPeriodS", gnssFixPeriodS, 60.0, 1, 3600);
        gnssFitWindowS = range("gnssFitWindowS", gnssFitWindowS, 6000.0, 600, 86_400);
        gnssMinFixes = gnssMinFixes == null ? 30 : gnssMinFixes;
        if (gnssMinFixes < 6 || gnssMinFixes > 10_000) {
            throw new ConfigException("gnssMinFixes", "must be in [6, 10000], was " + gnssMinFixes);
        }
        gnssRefitPeriodS = range("gnssRefitPeriodS", gnssRefitPeriodS, 10_800.0, 600, 30 * 86_400);
        gnssMaxFitRmsM = range("gnssMaxFitRmsM", gnssMaxFitRmsM, 500.0, 1, 1e6);
        gnssAlongTrackErrorM = range("gnssAlongTrackErrorM", gnssAlongTrackErrorM, 200.0, 0, 1e6);
        if (gnssMinFixes * gnssFixPeriodS > gnssFitWindowS) {
            throw new ConfigException("gnssMinFixes", gnssMinFixes + " fixes every " + gnssFixPeriodS
                    + " s do not fit in gnssFitWindowS (" + gnssFitWindowS + " s)");
        }
    }

    /** Every default. */
    public static OrbitConfig defaults() {
        return new OrbitConfig(null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null);
    }

    /** What elements must look like to be flown by this satellite. */
    public ElementsLimits limits() {
        return new ElementsLimits(noradId, maxElementAgeDays, maxEpochAheadS, minMeanMotionRevPerDay,
                maxMeanMotionRevPerDay, maxEccentricity, minInclinationDeg, maxInclinationDeg);
    }

    private static double range(String key, Double v, double dflt, double min, double max) {
        return ConfigException.inRange(key, v, dflt, min, max);
    }
}
