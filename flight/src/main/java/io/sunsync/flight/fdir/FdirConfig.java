package io.sunsync.flight.fdir;

import io.sunsync.hal.config.ConfigException;

/**
 * The {@code fdir} section of the satellite config. Defaults in brackets.
 *
 * @param maxResets        resets of a hung board within {@code resetWindowS} before it is isolated [3]
 * @param resetWindowS     window for counting resets and errors, in s [3600]
 * @param maxErrors        uncorrectable-error reports within the window before isolation [5]
 * @param zoneWarnMarginC  a zone warns this far inside its limits, in °C [5]
 * @param persistence      consecutive samples before a limit counts [3]
 */
public record FdirConfig(Integer maxResets, Double resetWindowS, Integer maxErrors, Double zoneWarnMarginC,
                         Integer persistence) {
    public FdirConfig {
        maxResets = maxResets == null ? 3 : maxResets;
        resetWindowS = resetWindowS == null ? 3600.0 : resetWindowS;
        maxErrors = maxErrors == null ? 5 : maxErrors;
        zoneWarnMarginC = zoneWarnMarginC == null ? 5.0 : zoneWarnMarginC;
        persistence = persistence == null ? 3 : persistence;
        if (maxResets < 0) {
            throw new ConfigException("maxResets", "must be >= 0");
        }
        if (!(resetWindowS > 0)) {
            throw new ConfigException("resetWindowS", "must be > 0");
        }
        if (maxErrors < 1) {
            throw new ConfigException("maxErrors", "must be >= 1");
        }
        if (!(zoneWarnMarginC >= 0)) {
            throw new ConfigException("zoneWarnMarginC", "must be >= 0");
        }
        if (persistence < 1) {
            throw new ConfigException("persistence", "must be >= 1");
        }
    }

    /** Every default. */
    public static FdirConfig defaults() {
        return new FdirConfig(null, null, null, null, null);
    }
}
