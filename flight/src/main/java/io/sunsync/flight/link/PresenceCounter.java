package io.sunsync.flight.link;

import io.sunsync.flight.cmd.store.DurableFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connection count behind presence numbering ({@code presence.json} in the outbox folder):
 * connection {@code n} is announced {@code online} with {@code seq} 2n and its {@code offline}
 * with 2n+1. The count is persisted before each CONNECT, so no two connections, across restarts
 * and crashes, announce presence with the same sequence numbers. A count that cannot be written
 * (a full disk) is used anyway: the ground may then see a number again.
 *
 * <p>Threading: {@link #next()} on the sender thread; {@link #current()} from any thread.
 */
final class PresenceCounter {
    private static final Logger LOG = LoggerFactory.getLogger(PresenceCounter.class);

    private final DurableFile file;
    private volatile long connection = -1;

    PresenceCounter(Path file) {
        this.file = new DurableFile(file);
    }

    /** Counts one more connection, persists the count and returns it. */
    long next() {
        long n = connection;
        if (n < 0) {
            try {
                n = file.read().map(b -> Long.parseLong(new String(b, StandardCharsets.US_ASCII).trim())).orElse(-1L);
            } catch (IOException | NumberFormatException e) {
                LOG.warn("link: presence count unreadable ({}); presence numbering starts again", e.getMessage());
                n = -1;
            }
        }
        n++;
        try {
            file.write(Long.toString(n).getBytes(StandardCharsets.US_ASCII));
        } catch (IOException e) {
            LOG.warn("link: cannot persist the presence count: {}", e.getMessage());
        }
        connection = n;
        return n;
    }

    /** The count of the current (or last) connection; -1 before the first. */
    long current() {
        return connection;
    }
}
