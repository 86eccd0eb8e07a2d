package io.sunsync.flight.jobs;

import io.sunsync.hal.config.ConfigException;

/**
 * The {@code jobs.checks} config section: what follows when a result fails its check (see
 * {@link CheckSpec} and docs/jobs.md). Every key is optional.
 *
 * @param quarantineS         how long a board blamed for a wrong result takes no work, in s of
 *                            mission time (default 21600: six hours)
 * @param isolateAfterStrikes blames within {@code strikeWindowS} after which fault protection
 *                            isolates the board until the ground restores it (default 3)
 * @param strikeWindowS       window over which blames count, in s of mission time (default
 *                            604800: a week)
 * @param maxCheckRuns        check runs (sample and referee) one result may need before its check
 *                            is given up as {@code CHECK_ERROR} (default 6)
 */
public record ChecksConfig(Double quarantineS, Integer isolateAfterStrikes, Double strikeWindowS, Integer maxCheckRuns) {
    public ChecksConfig {
        quarantineS = quarantineS == null ? 21_600.0 : quarantineS;
        if (!(quarantineS >= 0 && quarantineS <= 365 * 86_400.0)) {
            throw new ConfigException("quarantineS", "must be in [0, 31536000] s, was " + quarantineS);
        }
        isolateAfterStrikes = isolateAfterStrikes == null ? 3 : isolateAfterStrikes;
        if (isolateAfterStrikes < 1) {
            throw new ConfigException("isolateAfterStrikes", "must be >= 1, was " + isolateAfterStrikes);
        }
        strikeWindowS = strikeWindowS == null ? 604_800.0 : strikeWindowS;
        if (!(strikeWindowS > 0 && Double.isFinite(strikeWindowS))) {
            throw new ConfigException("strikeWindowS", "must be > 0 s, was " + strikeWindowS);
        }
        maxCheckRuns = maxCheckRuns == null ? 6 : maxCheckRuns;
        if (maxCheckRuns < 2) {
            throw new ConfigException("maxCheckRuns", "must be >= 2 (a sample and a referee), was " + maxCheckRuns);
        }
    }

    /** Every default. */
    public static ChecksConfig defaults() {
        return new ChecksConfig(null, null, null, null);
    }
}
