package io.sunsync.flight.link.results;

import io.sunsync.hal.config.ConfigException;

/**
 * The {@code link.results} section: how results are cut and paced.
 *
 * @param chunkBytes   raw bytes per chunk (1 KiB .. 1 MiB, default 48 KiB: 64 KiB once in base64)
 * @param windowBytes  result bytes queued in the outbox at most, so results never crowd out
 *                     telemetry (≥ 2 chunks, default 1 MiB)
 * @param eofRepeatS   while the ground has not acknowledged a result, its {@code eof} message is
 *                     sent again after this many s (monotonic; 1 .. 86,400, default 300), so a
 *                     ground that missed chunks asks for them
 */
public record ResultsConfig(Integer chunkBytes, Integer windowBytes, Integer eofRepeatS) {
    public ResultsConfig {
        chunkBytes = chunkBytes == null ? 48 * 1024 : chunkBytes;
        if (chunkBytes < 1024 || chunkBytes > (1 << 20)) {
            throw new ConfigException("chunkBytes", "must be in [1024, 1048576], was " + chunkBytes);
        }
        windowBytes = windowBytes == null ? Math.max(1 << 20, 2 * chunkBytes) : windowBytes;
        if (windowBytes < 2 * chunkBytes) {
            throw new ConfigException("windowBytes", "must be at least 2 chunks (" + 2 * chunkBytes + "), was " + windowBytes);
        }
        eofRepeatS = eofRepeatS == null ? 300 : eofRepeatS;
        if (eofRepeatS < 1 || eofRepeatS > 86_400) {
            throw new ConfigException("eofRepeatS", "must be in [1, 86400] s, was " + eofRepeatS);
        }
    }

    /** The defaults. */
    public static ResultsConfig defaults() {
        return new ResultsConfig(null, null, null);
    }
}
