package io.sunsync.flight.cmd;

import io.sunsync.flight.cmd.auth.ReplayWindow;
import io.sunsync.hal.config.ConfigException;

/**
 * The {@code commanding} section of the satellite config. Without it the satellite accepts no
 * telecommands.
 *
 * @param keyFile         the command key file (JSON, see docs/security.md); relative to the config file
 * @param stateDir        folder for the anti-replay window, key state, time-tags and sequences;
 *                        relative to the config file
 * @param armTimeoutS     how long an arm token stays valid, in s of mission time (1..3600, default 60)
 * @param replayWindow    anti-replay window size (1..64, default 64)
 * @param maxPayloadBytes largest telecommand payload accepted, in bytes (256..1048576, default 16384)
 * @param tickPeriodS     period of the commanding rate group (control-loop commands, time-tags,
 *                        sequences), in s (0.01..10, default 0.1)
 * @param queueLimit      control-loop commands that may wait for the next tick (1..100000, default 256)
 * @param replayReserve   sequence numbers reserved per anti-replay write (0..1000000, default 1024; 0
 *                        writes every number); after a restart the ground skips up to this many
 */
public record CommandingConfig(String keyFile, String stateDir, Double armTimeoutS, Integer replayWindow,
                               Integer maxPayloadBytes, Double tickPeriodS, Integer queueLimit, Integer replayReserve) {
    /** The settings without the anti-replay reservation chosen (default). */
    public CommandingConfig(String keyFile, String stateDir, Double armTimeoutS, Integer replayWindow,
                            Integer maxPayloadBytes, Double tickPeriodS, Integer queueLimit) {
        this(keyFile, stateDir, armTimeoutS, replayWindow, maxPayloadBytes, tickPeriodS, queueLimit, null);
    }

    public CommandingConfig {
        ConfigException.require(keyFile, "keyFile");
        ConfigException.require(stateDir, "stateDir");
        armTimeoutS = armTimeoutS == null ? 60.0 : armTimeoutS;
        if (!(armTimeoutS >= 1 && armTimeoutS <= 3600)) {
            throw new ConfigException("armTimeoutS", "must be in [1, 3600] s, was " + armTimeoutS);
        }
        replayWindow = replayWindow == null ? ReplayWindow.MAX_SIZE : replayWindow;
        if (replayWindow < 1 || replayWindow > ReplayWindow.MAX_SIZE) {
            throw new ConfigException("replayWindow", "must be in [1, " + ReplayWindow.MAX_SIZE + "], was " + replayWindow);
        }
        maxPayloadBytes = maxPayloadBytes == null ? 16_384 : maxPayloadBytes;
        if (maxPayloadBytes < 256 || maxPayloadBytes > 1_048_576) {
            throw new ConfigException("maxPayloadBytes", "must be in [256, 1048576], was " + maxPayloadBytes);
        }
        tickPeriodS = tickPeriodS == null ? 0.1 : tickPeriodS;
        if (!(tickPeriodS >= 0.01 && tickPeriodS <= 10)) {
            throw new ConfigException("tickPeriodS", "must be in [0.01, 10] s, was " + tickPeriodS);
        }
        replayReserve = replayReserve == null ? 1024 : replayReserve;
        if (replayReserve < 0 || replayReserve > 1_000_000) {
            throw new ConfigException("replayReserve", "must be in [0, 1000000], was " + replayReserve);
        }
        queueLimit = queueLimit == null ? 256 : queueLimit;
        if (queueLimit < 1 || queueLimit > 100_000) {
            throw new ConfigException("queueLimit", "must be in [1, 100000], was " + queueLimit);
        }
    }
}
