package io.sunsync.flight.link;

import io.sunsync.flight.link.outbox.OutboxConfig;
import io.sunsync.flight.link.results.ResultsConfig;
import io.sunsync.hal.config.ConfigException;
import java.net.URI;
import java.nio.file.Path;

/**
 * The {@code link} section of the satellite config (see {@code docs/configuration.md} and
 * {@code docs/link.md}). Validated on construction.
 *
 * @param broker           broker URL, {@code tcp://host:port} or {@code ssl://host:port}
 * @param username         MQTT username, or null for anonymous
 * @param password         MQTT password, or null
 * @param sessionExpiryS   how long the broker keeps this session (and queued commands) while
 *                         disconnected, in s (&gt; 0)
 * @param queueLimit       messages the outbox holds at most; the same as {@code outbox.maxMessages},
 *                         which it overrides when given (kept for older configs)
 * @param outbox           the on-disk outbox (default: folder {@code outbox} beside the config file)
 * @param tls              TLS settings for an {@code ssl://} broker, or null (JDK default trust store)
 * @param maxInflight      QoS 1 messages sent but not yet acknowledged, at most (1..65535, default
 *                         64; also limited by the broker's receive maximum)
 * @param keepAliveS       MQTT keep alive in s (1..3600, default 10)
 * @param ackTimeoutS      a message not acknowledged within this many s (monotonic) means the
 *                         connection is dead: reconnect and resend (1..600, default 10)
 * @param reconnectMinMs   first delay before reconnecting, in ms (10..60,000, default 250)
 * @param reconnectMaxMs   longest delay between attempts, in ms (&gt;= reconnectMinMs, default 10,000);
 *                         delays double from the first to this, with ±20 % jitter
 * @param results          how finished results are cut and paced (chunk size, window, eof repeat)
 * @param telemetryKeyFile the telemetry key file (JSON, the command key file's format, other keys):
 *                         every message published is signed with its active key
 *                         (docs/icd/downlink.md); relative to the config file; null: unsigned
 */
public record LinkConfig(String broker, String username, String password, Long sessionExpiryS, Integer queueLimit,
                         OutboxConfig outbox, TlsConfig tls, Integer maxInflight, Integer keepAliveS,
                         Integer ackTimeoutS, Long reconnectMinMs, Long reconnectMaxMs, ResultsConfig results,
                         String telemetryKeyFile) {
    /** The settings without telemetry authentication. */
    public LinkConfig(String broker, String username, String password, Long sessionExpiryS, Integer queueLimit,
                      OutboxConfig outbox, TlsConfig tls, Integer maxInflight, Integer keepAliveS,
                      Integer ackTimeoutS, Long reconnectMinMs, Long reconnectMaxMs, ResultsConfig results) {
        this(broker, username, password, sessionExpiryS, queueLimit, outbox, tls, maxInflight, keepAliveS, ackTimeoutS,
                reconnectMinMs, reconnectMaxMs, results, null);
    }

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
        if (uri.getHost() == null || uri.getPort() <= 0) {
            throw new ConfigException("broker", "must name a host and a port, e.g. tcp://127.0.0.1:1883, was '" + broker + "'");
        }
        if (tls != null && !"ssl".equals(uri.getScheme())) {
            throw new ConfigException("tls", "is set but the broker URL is not ssl://");
        }
        if (password != null && username == null) {
            throw new ConfigException("password", "is set without a username");
        }
        sessionExpiryS = sessionExpiryS == null ? 86_400L : sessionExpiryS;
        if (sessionExpiryS <= 0 || sessionExpiryS > 0xFFFF_FFFFL) {
            throw new ConfigException("sessionExpiryS", "must be in [1, 4294967295] s so commands queued during an outage survive");
        }
        outbox = outbox == null ? OutboxConfig.in(Path.of("outbox")) : outbox;
        if (queueLimit != null) {
            if (queueLimit < 1) {
                throw new ConfigException("queueLimit", "must be >= 1");
            }
            outbox = outbox.withMaxMessages(queueLimit);
        }
        queueLimit = outbox.maxMessages();
        maxInflight = maxInflight == null ? 64 : maxInflight;
        if (maxInflight < 1 || maxInflight > 65_535) {
            throw new ConfigException("maxInflight", "must be in [1, 65535], was " + maxInflight);
        }
        keepAliveS = keepAliveS == null ? 10 : keepAliveS;
        if (keepAliveS < 1 || keepAliveS > 3600) {
            throw new ConfigException("keepAliveS", "must be in [1, 3600] s, was " + keepAliveS);
        }
        ackTimeoutS = ackTimeoutS == null ? 10 : ackTimeoutS;
        if (ackTimeoutS < 1 || ackTimeoutS > 600) {
            throw new ConfigException("ackTimeoutS", "must be in [1, 600] s, was " + ackTimeoutS);
        }
        reconnectMinMs = reconnectMinMs == null ? 250L : reconnectMinMs;
        if (reconnectMinMs < 10 || reconnectMinMs > 60_000) {
            throw new ConfigException("reconnectMinMs", "must be in [10, 60000] ms, was " + reconnectMinMs);
        }
        reconnectMaxMs = reconnectMaxMs == null ? Math.max(10_000L, reconnectMinMs) : reconnectMaxMs;
        if (reconnectMaxMs < reconnectMinMs || reconnectMaxMs > 3_600_000) {
            throw new ConfigException("reconnectMaxMs", "must be in [reconnectMinMs, 3600000] ms, was " + reconnectMaxMs);
        }
        results = results == null ? ResultsConfig.defaults() : results;
        if (telemetryKeyFile != null && telemetryKeyFile.isBlank()) {
            throw new ConfigException("telemetryKeyFile", "is empty");
        }
    }

    /** The settings of the walking skeleton; everything else at its default. */
    public LinkConfig(String broker, String username, String password, Long sessionExpiryS, Integer queueLimit) {
        this(broker, username, password, sessionExpiryS, queueLimit, null, null, null, null, null, null, null, null);
    }

    /** An anonymous link to {@code broker} with defaults and the outbox in {@code outboxDir}. */
    public static LinkConfig to(String broker, Path outboxDir) {
        return new LinkConfig(broker, null, null, null, null, OutboxConfig.in(outboxDir), null, null, null, null, null,
                null, null);
    }

    /** This config with relative paths (outbox folder, TLS files) resolved against {@code base}. */
    public LinkConfig resolvedAgainst(Path base) {
        return new LinkConfig(broker, username, password, sessionExpiryS, null, outbox.resolvedAgainst(base),
                tls == null ? null : tls.resolvedAgainst(base), maxInflight, keepAliveS, ackTimeoutS, reconnectMinMs,
                reconnectMaxMs, results, telemetryKeyFile == null ? null : base.resolve(telemetryKeyFile).toString());
    }

    /** A copy with another outbox. */
    public LinkConfig withOutbox(OutboxConfig outbox) {
        return new LinkConfig(broker, username, password, sessionExpiryS, null, outbox, tls, maxInflight, keepAliveS,
                ackTimeoutS, reconnectMinMs, reconnectMaxMs, results, telemetryKeyFile);
    }

    /** A copy with credentials. */
    public LinkConfig withCredentials(String username, String password) {
        return new LinkConfig(broker, username, password, sessionExpiryS, null, outbox, tls, maxInflight, keepAliveS,
                ackTimeoutS, reconnectMinMs, reconnectMaxMs, results, telemetryKeyFile);
    }

    /** A copy with TLS settings. */
    public LinkConfig withTls(TlsConfig tls) {
        return new LinkConfig(broker, username, password, sessionExpiryS, null, outbox, tls, maxInflight, keepAliveS,
                ackTimeoutS, reconnectMinMs, reconnectMaxMs, results, telemetryKeyFile);
    }

    /** A copy with other reconnect delays, in ms. */
    public LinkConfig withReconnect(long minMs, long maxMs) {
        return new LinkConfig(broker, username, password, sessionExpiryS, null, outbox, tls, maxInflight, keepAliveS,
                ackTimeoutS, minMs, maxMs, results, telemetryKeyFile);
    }

    /** A copy that signs telemetry with the keys in {@code keyFile} (relative to the config file). */
    public LinkConfig withTelemetryKeyFile(String keyFile) {
        return new LinkConfig(broker, username, password, sessionExpiryS, null, outbox, tls, maxInflight, keepAliveS,
                ackTimeoutS, reconnectMinMs, reconnectMaxMs, results, keyFile);
    }

    /** Hides the password in logs. */
    @Override
    public String toString() {
        return "LinkConfig[broker=" + broker + ", username=" + username + ", password=" + (password == null ? "none" : "***")
                + ", sessionExpiryS=" + sessionExpiryS + ", outbox=" + outbox + ", tls=" + tls
                + ", maxInflight=" + maxInflight + ", telemetryKeyFile=" + telemetryKeyFile + "]";
    }
}
