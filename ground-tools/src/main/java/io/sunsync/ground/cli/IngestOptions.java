package io.sunsync.ground.cli;

import io.sunsync.ground.ingest.IngestSettings;
import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * How the ground's long-running recorders ({@code archive record}, {@code fleet ingest}) store and
 * keep what they receive: {@code --batch} and {@code --linger-ms}, the batching of their
 * {@link IngestSettings}, and {@code --session-expiry-s}, how long the broker keeps their persistent
 * session while they are down. A picocli mixin; each command creates it with its own session expiry
 * (which its help shows) and reads it after parsing, on the command's thread.
 */
public final class IngestOptions {
    @Option(names = "--batch", defaultValue = "500", description = "Most messages stored per transaction (default ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--linger-ms", defaultValue = "50",
            description = "How long a batch waits for more messages after its first, in ms (default ${DEFAULT-VALUE}).")
    long lingerMs;

    @Option(names = "--session-expiry-s",
            description = "How long the broker keeps this client's session, and the messages for it, while it is down, "
                    + "in s (default ${DEFAULT-VALUE}).")
    long sessionExpiryS;

    /**
     * A command's default.
     *
     * @param sessionExpiryS how long the broker keeps the session while the recorder is down, in s
     */
    IngestOptions(long sessionExpiryS) {
        this.sessionExpiryS = sessionExpiryS;
    }

    /** The batching of {@code --batch} and {@code --linger-ms}; a value out of range is a usage error. */
    IngestSettings settings() {
        return GroundCommand.fromArguments(() -> IngestSettings.defaults().withBatch(batch, Duration.ofMillis(lingerMs)));
    }

    /** {@code --session-expiry-s}. */
    long sessionExpiryS() {
        return sessionExpiryS;
    }
}
