package io.sunsync.ground.mqtt;

import io.sunsync.ground.profile.Secret;
import java.util.Objects;
import javax.net.SocketFactory;

/**
 * How a ground process connects to the broker.
 *
 * @param brokerUrl          e.g. {@code tcp://127.0.0.1:1883} or {@code ssl://gs1.example:8883}
 * @param clientId           MQTT client id (unique per process; a fixed one with a persistent session
 *                           lets the broker keep messages while the process is down)
 * @param cleanStart         true for a fresh session, false to resume the one the broker keeps
 * @param sessionExpiryS     how long the broker keeps the session after a disconnect, in s (0: none)
 * @param username           MQTT username, or null
 * @param password           MQTT password, or null
 * @param socketFactory      TLS socket factory for {@code ssl://} URLs, or null for the JVM default
 * @param manualAcks         true to acknowledge QoS 1 messages only when {@link GroundConnection#ack} is
 *                           called (after the message is safely stored), false to let Paho ack on receipt
 * @param automaticReconnect true to reconnect by itself after a lost connection
 */
public record ConnectSettings(String brokerUrl, String clientId, boolean cleanStart, long sessionExpiryS,
                              String username, Secret password, SocketFactory socketFactory, boolean manualAcks,
                              boolean automaticReconnect) {
    public ConnectSettings {
        Objects.requireNonNull(brokerUrl, "brokerUrl");
        Objects.requireNonNull(clientId, "clientId");
        if (sessionExpiryS < 0) {
            throw new IllegalArgumentException("sessionExpiryS must be >= 0, was " + sessionExpiryS);
        }
    }

    /** A throw-away session: clean start, no session expiry, automatic acks, no reconnect. */
    public static ConnectSettings transientSession(String brokerUrl, String clientId) {
        return new ConnectSettings(brokerUrl, clientId, true, 0, null, null, null, false, false);
    }

    /** The same settings with another client id. */
    public ConnectSettings withClientId(String id) {
        return new ConnectSettings(brokerUrl, id, cleanStart, sessionExpiryS, username, password, socketFactory,
                manualAcks, automaticReconnect);
    }

    /** The same settings, reconnecting by itself after a lost connection. */
    public ConnectSettings reconnecting() {
        return new ConnectSettings(brokerUrl, clientId, cleanStart, sessionExpiryS, username, password, socketFactory,
                manualAcks, true);
    }

    /** The same settings with a persistent session ({@code cleanStart} off, expiry {@code expiryS}) and manual acks. */
    public ConnectSettings persistent(long expiryS) {
        return new ConnectSettings(brokerUrl, clientId, false, expiryS, username, password, socketFactory, true, true);
    }
}
