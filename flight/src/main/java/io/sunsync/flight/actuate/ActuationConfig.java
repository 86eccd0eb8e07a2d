package io.sunsync.flight.actuate;

import io.sunsync.hal.config.ConfigException;
import io.sunsync.hal.time.Seconds;
import java.time.Duration;

/**
 * The {@code actuation} section of the satellite config: how commands reach the boards. Missing
 * values take the defaults in brackets; see {@code docs/throttler.md#actuation}.
 *
 * @param threads          commands to different boards run at once on at most this many threads per
 *                         backend; 0 runs every command on the caller's thread, one after another [16]
 * @param commandTimeoutS  a command still running after this long is reported
 *                         ({@code BOARD_COMMAND_TIMEOUT}); it keeps its board's lane until the backend
 *                         returns, in s [2]
 * @param tickBudgetS      a control tick waits at most this long for its commands; those still
 *                         running finish in the background and are reported on a later tick, in s [0.25]
 * @param shedBudgetS      {@code shedAll} waits at most this long for every board to reach its safe
 *                         state, in s [0.1]
 * @param latencyWindowS   command latency percentiles in housekeeping cover the last one to two of these
 *                         windows, in s [60]
 */
public record ActuationConfig(Integer threads, Double commandTimeoutS, Double tickBudgetS, Double shedBudgetS,
                              Double latencyWindowS) {
    public ActuationConfig {
        threads = threads == null ? 16 : threads;
        if (threads < 0 || threads > 256) {
            throw new ConfigException("threads", "must be in [0, 256] (0 = on the caller's thread), was " + threads);
        }
        commandTimeoutS = range("commandTimeoutS", commandTimeoutS, 2.0, 0.001, 3600);
        tickBudgetS = range("tickBudgetS", tickBudgetS, 0.25, 0, 60);
        shedBudgetS = range("shedBudgetS", shedBudgetS, 0.1, 0, 60);
        latencyWindowS = range("latencyWindowS", latencyWindowS, 60.0, 1, 86_400);
    }

    /** Every default. */
    public static ActuationConfig defaults() {
        return new ActuationConfig(null, null, null, null, null);
    }

    /** The defaults, but every command on the caller's thread (simulation, in-memory benchmarks). */
    public static ActuationConfig inline() {
        return new ActuationConfig(0, null, null, null, null);
    }

    /** {@link #commandTimeoutS()} as a duration. */
    public Duration commandTimeout() {
        return Seconds.of(commandTimeoutS);
    }

    /** {@link #tickBudgetS()} as a duration. */
    public Duration tickBudget() {
        return Seconds.of(tickBudgetS);
    }

    /** {@link #shedBudgetS()} as a duration. */
    public Duration shedBudget() {
        return Seconds.of(shedBudgetS);
    }


    private static double range(String key, Double v, double dflt, double min, double max) {
        return ConfigException.inRange(key, v, dflt, min, max, "s");
    }
}
