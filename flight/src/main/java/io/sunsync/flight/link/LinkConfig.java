package io.sunsync.flight.link;

import io.sunsync.hal.config.ConfigException;
import java.net.URI;

/**
 * The {@code link} section of the satellite config.
 *
 * @param broker           broker URL, {@code tcp://host:port} or {@code ssl://host:port}
 * @param username         MQTT username, or null for anonymous
 * @param password         MQTT password, or null
 * @param sessionExpiryS   how long the broker keeps this session (and queued commands) while
 *                         disconnected, in s (&gt; 0)
 * @param queueLimit       outgoing messages held in memory while the link is down
 */
public record LinkConfig(String broker, String username, String password, Long sessionExpiryS,
                         Integer queueLimit) {
    public LinkConfig {
        ConfigException.require(broker, "broker");
        URI uri;
        try {
            uri = URI.create(broker);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("broker", "'" + broker + "' is not a URL");
        }
        if (!"tcp".equals(uri.getScheme()) && !"ssl".equals(uri.getScheme())) {
            throw new ConfigException("broker", "must start with tcp:// or ssl://, was '" + broker + "'");
        }
        sessionExpiryS = sessionExpiryS == null ? 86_400L : sessionExpiryS;
        if (sessionExpiryS <= 0) {
            throw new ConfigException("sessionExpiryS", "must be > 0 so commands queued during an outage survive");
        }
        queueLimit = queueLimit == null ? 100_000 : queueLimit;
        if (queueLimit < 1) {
            throw new ConfigException("queueLimit", "must be >= 1");
        }
    }

    /** Hides the password in logs. */
    @Override
    public String toString() {
        return "LinkConfig[broker=" + broker + ", username=" + username + ", password=" + (password == null ? "none" : "***")
                + ", sessionExpiryS=" + sessionExpiryS + ", queueLimit=" + queueLimit + "]";
    }
}
