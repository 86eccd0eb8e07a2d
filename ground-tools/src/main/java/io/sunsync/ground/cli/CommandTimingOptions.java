package io.sunsync.ground.cli;

import io.sunsync.ground.command.SequenceCounter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * What every way of sending commands from this station shares (the commanding commands through
 * {@link CommandingOptions}, and {@code console}): where the station keeps its command sequence
 * numbers, how long a command stays valid and how long it is followed for its final report. A
 * picocli mixin; read after parsing, on the command's thread.
 */
public final class CommandTimingOptions {
    @Option(names = "--state-dir", paramLabel = "DIR",
            description = "Where this station keeps its command sequence numbers (default: $XDG_STATE_HOME/sunsync or ~/.local/state/sunsync).")
    Path stateDir;

    @Option(names = "--valid-s", defaultValue = "300",
            description = "How long a command stays valid, in s of mission time from the satellite's latest frame; also its MQTT message expiry (default ${DEFAULT-VALUE}).")
    long validS;

    @Option(names = "--timeout-s", defaultValue = "30",
            description = "How long to wait for a command's final verification report, in s (default ${DEFAULT-VALUE}).")
    double timeoutS;

    /** The station's state folder: {@code --state-dir}, else {@code $XDG_STATE_HOME/sunsync} or {@code ~/.local/state/sunsync}. */
    Path stateDir(Map<String, String> environ) {
        return stateDir != null ? stateDir : SequenceCounter.defaultStateDir(environ, Path.of(System.getProperty("user.home")));
    }

    /** {@code --valid-s}, at least 1 s. */
    Duration valid() {
        if (validS < 1) {
            throw new GroundCommand.UsageException("--valid-s must be >= 1");
        }
        return Duration.ofSeconds(validS);
    }

    /** {@code --timeout-s} (0: send without waiting for the report). */
    Duration timeout() {
        return Duration.ofMillis((long) (timeoutS * 1000));
    }

    /** {@code --timeout-s} in s. */
    double timeoutS() {
        return timeoutS;
    }
}
