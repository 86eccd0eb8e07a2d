package io.sunsync.ground.mqtt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.eclipse.paho.mqttv5.common.packet.UserProperty;

/**
 * A ground-side MQTT 5 connection that hands every received message to a queue; nothing is
 * processed inside Paho's callback (Paho issues #117, #310, #985, #999 are deadlocks from doing
 * otherwise).
 *
 * <p>With {@link ConnectSettings#manualAcks()} a QoS 1 message is acknowledged to the broker
 * only when the consumer calls {@link #ack(Received)}, after it stored the message: if the
 * process dies first, the broker delivers it again (to the persistent session) and the
 * consumer de-duplicates it.
 *
 * <p>Threading: one consumer thread calls {@link #poll}, {@link #ack} and {@link #publish};
 * {@link #received()}, {@link #reconnects()} and {@link #isConnected()} may be read from any thread.
 */
public final class GroundConnection implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    /**
     * The MQTT 5 Maximum Packet Size every ground connection announces, in bytes: the largest
     * message flight sends is a result chunk (at most 1 MiB raw, ~1.4 MB in base64 inside JSON),
     * so 4 MiB leaves room while one huge message published by anyone cannot fill a ground
     * process's heap (the broker drops it for this client instead).
     */
    public static final int MAX_PACKET_BYTES = 4 * 1024 * 1024;

    private final MqttClient client;
    private final ConnectSettings settings;
    private final BlockingQueue<Received> inbox = new LinkedBlockingQueue<>();
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong reconnects = new AtomicLong();

    /**
     * A received message.
     *
     * @param topic          the topic it came on
     * @param payload        its bytes
     * @param retained       true if the broker delivered it as the retained value
     * @param qos            its QoS
     * @param messageId      the MQTT packet id (for {@link #ack}), 0 for QoS 0
     * @param duplicate      the broker's DUP flag: it may have been delivered before
     * @param userProperties MQTT 5 user properties in order (e.g. {@code stream}, {@code seq} from flight's outbox)
     * @param correlation    MQTT 5 correlation data, or null
     */
    public record Received(String topic, byte[] payload, boolean retained, int qos, int messageId, boolean duplicate,
                           Map<String, String> userProperties, byte[] correlation) {

        /** The payload parsed as JSON (a text node holding the raw text if it is not JSON). Parses on each call. */
        public JsonNode json() {
            try {
                JsonNode n = JSON.readTree(payload);
                return n == null ? JSON.getNodeFactory().textNode("") : n;
            } catch (IOException e) {
                return JSON.getNodeFactory().textNode(text());
            }
        }

        /** The payload as UTF-8 text. */
        public String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }

        /** The satellite id: the second topic level of {@code sunsync/{sat}/…}, or null. */
        public String sat() {
            String[] parts = topic.split("/", 3);
            return parts.length >= 2 && parts[0].equals("sunsync") ? parts[1] : null;
        }

        /** The topic below {@code sunsync/{sat}/}, e.g. {@code tm/hk}, or the whole topic if not under it. */
        public String subtopic() {
            String[] parts = topic.split("/", 3);
            return parts.length == 3 && parts[0].equals("sunsync") ? parts[2] : topic;
        }
    }

    /** Connects with {@code settings}. */
    public GroundConnection(ConnectSettings settings) throws MqttException {
        this.settings = settings;
        client = new MqttClient(settings.brokerUrl(), settings.clientId(), new MemoryPersistence());
        client.setManualAcks(settings.manualAcks());
        client.setCallback(new MqttCallback() {
            @Override
            public void disconnected(MqttDisconnectResponse r) {
            }

            @Override
            public void mqttErrorOccurred(MqttException e) {
            }

            @Override
            public void messageArrived(String topic, MqttMessage message) {
                received.incrementAndGet();
                MqttProperties p = message.getProperties();
                Map<String, String> user = Map.of();
                if (p != null && p.getUserProperties() != null && !p.getUserProperties().isEmpty()) {
                    user = new LinkedHashMap<>();
                    for (UserProperty u : p.getUserProperties()) {
                        user.put(u.getKey(), u.getValue());
                    }
                }
                inbox.add(new Received(topic, message.getPayload(), message.isRetained(), message.getQos(),
                        message.getId(), message.isDuplicate(), user, p == null ? null : p.getCorrelationData()));
            }

            @Override
            public void deliveryComplete(IMqttToken token) {
            }

            @Override
            public void connectComplete(boolean reconnect, String uri) {
                if (reconnect) {
                    reconnects.incrementAndGet();
                }
            }

            @Override
            public void authPacketArrived(int reasonCode, MqttProperties properties) {
            }
        });
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(settings.cleanStart());
        options.setSessionExpiryInterval(settings.sessionExpiryS());
        options.setConnectionTimeout(10);
        options.setAutomaticReconnect(settings.automaticReconnect());
        options.setAutomaticReconnectDelay(1, 30);
        options.setReceiveMaximum(1000);
        options.setMaximumPacketSize((long) MAX_PACKET_BYTES);
        if (settings.username() != null) {
            options.setUserName(settings.username());
        }
        if (settings.password() != null) {
            options.setPassword(settings.password().utf8());
        }
        if (settings.socketFactory() != null) {
            options.setSocketFactory(settings.socketFactory());
        }
        client.connect(options);
    }

    /** Connects a throw-away session to {@code brokerUrl} (tests and simple tools). */
    public static GroundConnection open(String brokerUrl) throws MqttException {
        return new GroundConnection(ConnectSettings.transientSession(brokerUrl, randomClientId("ground")));
    }

    /** A client id {@code prefix-xxxxxxxx} unlikely to clash with another process's. */
    public static String randomClientId(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** The settings this connection was made with. */
    public ConnectSettings settings() {
        return settings;
    }

    /** Subscribes to topic filters at QoS 1 (shared subscriptions: {@code $share/GROUP/FILTER}). */
    public void subscribe(String... filters) throws MqttException {
        MqttSubscription[] subs = new MqttSubscription[filters.length];
        for (int i = 0; i < filters.length; i++) {
            subs[i] = new MqttSubscription(filters[i], 1);
        }
        client.subscribe(subs);
    }

    /** Subscribes to topic filters at QoS 1. */
    public void subscribe(List<String> filters) throws MqttException {
        subscribe(filters.toArray(String[]::new));
    }

    /** The next received message, waiting up to {@code timeoutMs}; null if none came. */
    public Received poll(long timeoutMs) throws InterruptedException {
        return inbox.poll(timeoutMs, TimeUnit.MILLISECONDS);
    }

    /** Acknowledges a message received with manual acks (no-op otherwise, or for QoS 0). */
    public void ack(Received r) throws MqttException {
        if (settings.manualAcks() && r.qos() > 0) {
            client.messageArrivedComplete(r.messageId(), r.qos());
        }
    }

    /**
     * Publishes {@code payload} on {@code topic}.
     *
     * @param properties MQTT 5 properties (response topic, correlation data, message expiry), or null
     */
    public void publish(String topic, byte[] payload, int qos, boolean retained, MqttProperties properties)
            throws MqttException {
        MqttMessage m = new MqttMessage(payload, qos, retained, properties);
        client.publish(topic, m);
    }

    /** Messages received so far (any thread). */
    public long received() {
        return received.get();
    }

    /**
     * How many times the connection was made again after being lost (automatic reconnect). A
     * consumer that sees this change subscribes again: a broker that lost the session (a clean
     * start, or a restart without persistence) has forgotten the subscriptions. Any thread.
     */
    public long reconnects() {
        return reconnects.get();
    }

    /** True while connected to the broker. */
    public boolean isConnected() {
        return client.isConnected();
    }

    @Override
    public void close() {
        try {
            if (client.isConnected()) {
                client.disconnect();
            }
            client.close();
        } catch (MqttException ignored) {
            // closing anyway
        }
    }
}
