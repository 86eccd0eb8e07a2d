package io.sunsync.hal.remote;

import io.sunsync.hal.config.ConfigException;

/**
 * Settings of the {@code remote} backend, from {@code hardware.backends.remote}: where the
 * hardware-in-the-loop server runs.
 *
 * @param host      server host (default {@code 127.0.0.1})
 * @param port      server TCP port (required, 1..65535)
 * @param timeoutMs how long to wait for a connection or an answer, in ms (default 2000)
 */
public record RemoteSettings(String host, Integer port, Integer timeoutMs) {
    public RemoteSettings {
        host = host == null || host.isBlank() ? "127.0.0.1" : host;
        ConfigException.require(port, "port");
        if (port < 1 || port > 65_535) {
            throw new ConfigException("port", "must be a TCP port 1..65535, was " + port);
        }
        timeoutMs = timeoutMs == null ? 2000 : timeoutMs;
        if (timeoutMs < 10 || timeoutMs > 600_000) {
            throw new ConfigException("timeoutMs", "must be in [10, 600000] ms, was " + timeoutMs);
        }
    }
}
