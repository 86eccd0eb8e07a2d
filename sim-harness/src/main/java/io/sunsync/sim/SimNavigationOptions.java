package io.sunsync.sim;

import io.sunsync.hal.config.ConfigException;

/**
 * Options of the sim backend's navigation receiver ({@code hardware.navigation.options}): how
 * good its solutions are and how often it has none. Defaults in brackets: a space GNSS receiver
 * in low Earth orbit (a few metres and a few cm/s one-sigma per axis).
 *
 * @param positionSigmaM     one-sigma position noise per axis, in m [5]
 * @param velocitySigmaMps   one-sigma velocity noise per axis, in m/s [0.05]
 * @param dropoutProbability chance a read finds no solution [0.02]
 * @param garbageProbability chance a read returns garbage (a faulty receiver), for tests and drills [0]
 * @param maxFixAgeS         solutions older than this are stale, in s [5]
 */
public record SimNavigationOptions(Double positionSigmaM, Double velocitySigmaMps, Double dropoutProbability,
                                   Double garbageProbability, Double maxFixAgeS) {
    public SimNavigationOptions {
        positionSigmaM = ConfigException.inRange("positionSigmaM", positionSigmaM, 5.0, 0.001, 10_000);
        velocitySigmaMps = ConfigException.inRange("velocitySigmaMps", velocitySigmaMps, 0.05, 0.0001, 100);
        dropoutProbability = ConfigException.inRange("dropoutProbability", dropoutProbability, 0.02, 0, 1);
        garbageProbability = ConfigException.inRange("garbageProbability", garbageProbability, 0.0, 0, 1);
        maxFixAgeS = ConfigException.inRange("maxFixAgeS", maxFixAgeS, 5.0, 0.1, 3600);
    }

    /** Every default. */
    public static SimNavigationOptions defaults() {
        return new SimNavigationOptions(null, null, null, null, null);
    }
}
