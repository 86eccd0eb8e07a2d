package io.sunsync.ground.console;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How the console runs. Validated on construction; immutable.
 *
 * @param bind           the address to listen on (loopback by default; anything else should use TLS)
 * @param port           the TCP port (0: any free one)
 * @param tlsCertFile    PEM certificate chain for HTTPS, or null for plain HTTP
 * @param tlsKeyFile     its PEM PKCS#8 private key, or null
 * @param usersFile      the users file ({@code NAME:HASH[:ROLE]})
 * @param auditLog       the audit log (JSON lines)
 * @param stateDir       the station's state folder (command sequence numbers, shared with the command line)
 * @param resultsDir     where downlinked results are collected
 * @param staleAfterS    a satellite without a live frame for this long is shown stale, in s
 * @param sessionIdle    a session without a request for this long ends
 * @param sessionMaxAge  a session ends this long after login
 * @param commandValid   how long a command stays valid, from the satellite's mission time
 * @param commandTimeout how long to follow a command for its final report
 * @param maxPages       the most live pages (event streams) at once
 * @param pageQueue      the most updates waiting for one page
 * @param maxSatellites  the most satellites tracked
 */
public record ConsoleSettings(String bind, int port, Path tlsCertFile, Path tlsKeyFile, Path usersFile, Path auditLog,
                              Path stateDir, Path resultsDir, double staleAfterS, Duration sessionIdle,
                              Duration sessionMaxAge, Duration commandValid, Duration commandTimeout, int maxPages,
                              int pageQueue, int maxSatellites) {
    public ConsoleSettings {
        Objects.requireNonNull(bind, "bind");
        Objects.requireNonNull(usersFile, "usersFile");
        Objects.requireNonNull(auditLog, "auditLog");
        Objects.requireNonNull(stateDir, "stateDir");
        Objects.requireNonNull(resultsDir, "resultsDir");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("--port must be 0..65535, was " + port);
        }
        if ((tlsCertFile == null) != (tlsKeyFile == null)) {
            throw new IllegalArgumentException("TLS needs both --tls-cert and --tls-key");
        }
        if (!(staleAfterS > 0)) {
            throw new IllegalArgumentException("--stale-after-s must be > 0, was " + staleAfterS);
        }
        if (sessionIdle.isNegative() || sessionIdle.isZero() || sessionMaxAge.compareTo(sessionIdle) < 0) {
            throw new IllegalArgumentException("sessions need 0 < idle timeout <= maximum age");
        }
        if (commandValid.toSeconds() < 1 || commandTimeout.isNegative() || commandTimeout.isZero()) {
            throw new IllegalArgumentException("--valid-s must be >= 1 and --timeout-s > 0");
        }
        if (maxPages < 1 || pageQueue < 16 || maxSatellites < 1) {
            throw new IllegalArgumentException("--max-pages >= 1, --page-queue >= 16, --max-satellites >= 1");
        }
    }

    /** True when serving HTTPS. */
    public boolean tls() {
        return tlsCertFile != null;
    }

    /** True when listening on a loopback address only. */
    public boolean loopbackOnly() {
        return bind.equals("127.0.0.1") || bind.equals("::1") || bind.equals("localhost") || bind.startsWith("127.");
    }
}
