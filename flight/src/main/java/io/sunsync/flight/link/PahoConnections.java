package io.sunsync.flight.link;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocketFactory;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttClientException;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How the link connects with Paho: the CONNECT options (clean start off, session expiry, no
 * automatic reconnect, keep-alive, last will, Receive Maximum and Maximum Packet Size,
 * credentials, TLS or plain sockets without Nagle), why a connection attempt failed, and how a
 * client is thrown away.
 *
 * <p>Threading: stateless.
 */
final class PahoConnections {
    private static final Logger LOG = LoggerFactory.getLogger(PahoConnections.class);
    /** Seconds Paho waits for CONNACK. */
    static final int CONNECT_TIMEOUT_S = 10;

    private PahoConnections() {
    }

    /**
     * The CONNECT options.
     *
     * @param will                  the last will, published on {@code willTopic}
     * @param maxInboundPacketBytes the Maximum Packet Size announced to the broker
     * @param socketFactory         TLS sockets, or null for plain TCP
     */
    static MqttConnectionOptions options(LinkConfig config, String willTopic, MqttMessage will, long maxInboundPacketBytes,
                                         SSLSocketFactory socketFactory) {
        MqttConnectionOptions options = new InboundLimitOptions(maxInboundPacketBytes);
        options.setCleanStart(false);
        options.setSessionExpiryInterval(config.sessionExpiryS());
        options.setAutomaticReconnect(false); // the sender loop owns reconnection
        options.setKeepAliveInterval(config.keepAliveS());
        options.setConnectionTimeout(CONNECT_TIMEOUT_S);
        options.setWill(willTopic, will);
        options.setWillMessageProperties(will.getProperties());
        // Bounds what the outside world can make us hold: no packet over the limit (announced in
        // CONNECT by InboundLimitOptions), no more than RECEIVE_MAXIMUM unacknowledged QoS 1
        // messages (we acknowledge after handling).
        options.setReceiveMaximum(MqttLink.RECEIVE_MAXIMUM);
        if (config.username() != null) {
            options.setUserName(config.username());
        }
        if (config.password() != null) {
            options.setPassword(config.password().getBytes(StandardCharsets.UTF_8));
        }
        if (socketFactory != null) {
            options.setSocketFactory(NoDelaySockets.tls(socketFactory));
            options.setHttpsHostnameVerificationEnabled(config.tls().verifyHostname());
        } else if (config.broker().startsWith("tcp://")) {
            options.setSocketFactory(NoDelaySockets.plain()); // commands and their reports are latency-bound
        }
        return options;
    }

    /**
     * Announces our Maximum Packet Size in CONNECT without telling Paho about it. Paho 1.2.5 swaps
     * the two limits ({@code ClientState.getOutgoingMaximumPacketSize()} returns the incoming one):
     * set through {@link MqttConnectionOptions#setMaximumPacketSize}, our inbound limit would be
     * applied to what we send, and every message over 80 KiB (a result chunk, the dictionary) would
     * fail with "Outgoing packet too large" and drop the connection (seen in the mission
     * rehearsal). The broker enforces the announced limit on what it sends us; it enforces its own
     * on what we send.
     */
    private static final class InboundLimitOptions extends MqttConnectionOptions {
        private final long maxInboundPacketBytes;

        InboundLimitOptions(long maxInboundPacketBytes) {
            this.maxInboundPacketBytes = maxInboundPacketBytes;
        }

        @Override
        public MqttProperties getConnectionProperties() {
            MqttProperties p = super.getConnectionProperties();
            p.setMaximumPacketSize(maxInboundPacketBytes);
            return p;
        }
    }

    /** Why a connection attempt failed, from the exception's causes or its MQTT reason code. */
    static ConnectFailure classify(MqttException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SSLException) {
                return ConnectFailure.TLS_HANDSHAKE;
            }
            if (t instanceof ConnectException || t instanceof NoRouteToHostException
                    || t instanceof UnknownHostException) {
                return ConnectFailure.UNREACHABLE;
            }
            if (t instanceof SocketTimeoutException) {
                return ConnectFailure.TIMEOUT;
            }
        }
        return switch (e.getReasonCode()) {
            case 0x86, 0x04 -> ConnectFailure.BAD_CREDENTIALS;
            case 0x87, 0x85, 0x8A, 0x05 -> ConnectFailure.NOT_AUTHORIZED;
            case MqttClientException.REASON_CODE_CLIENT_TIMEOUT -> ConnectFailure.TIMEOUT;
            case MqttClientException.REASON_CODE_SERVER_CONNECT_ERROR,
                 MqttClientException.REASON_CODE_CONNECTION_LOST -> ConnectFailure.UNREACHABLE;
            default -> ConnectFailure.REFUSED;
        };
    }

    /** Disconnects {@code c} at once (no DISCONNECT wait) and closes it; failures are logged. */
    static void discard(MqttAsyncClient c) {
        if (c == null) {
            return;
        }
        try {
            if (c.isConnected()) {
                c.disconnectForcibly(0, 1_000, false);
            }
        } catch (MqttException e) {
            LOG.debug("link: forced disconnect failed: {}", e.getMessage());
        }
        try {
            c.close(true);
        } catch (MqttException e) {
            LOG.debug("link: close failed: {}", e.getMessage());
        }
    }
}
