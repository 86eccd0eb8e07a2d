package io.sunsync.ground.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/**
 * A ground-side MQTT 5 connection that hands every received JSON message to a queue (never
 * processing inside Paho's callback). Not thread safe except {@link #poll}.
 */
public final class GroundConnection implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final MqttClient client;
    private final BlockingQueue<Received> inbox = new LinkedBlockingQueue<>();

    /**
     * A received message.
     *
     * @param topic    the topic it came on
     * @param body     its JSON body (a text node holding the raw text if it was not JSON)
     * @param retained true if the broker delivered it as the retained value
     */
    public record Received(String topic, JsonNode body, boolean retained) {
    }

    /** Connects to {@code brokerUrl} with a fresh clean session. */
    public GroundConnection(String brokerUrl, String username, char[] password) throws MqttException {
        client = new MqttClient(brokerUrl, "ground-" + UUID.randomUUID().toString().substring(0, 8), new MemoryPersistence());
        client.setCallback(new MqttCallback() {
            @Override
            public void disconnected(MqttDisconnectResponse r) {
            }

            @Override
            public void mqttErrorOccurred(MqttException e) {
            }

            @Override
            public void messageArrived(String topic, MqttMessage message) {
                JsonNode body;
                try {
                    body = JSON.readTree(message.getPayload());
                } catch (IOException e) {
                    body = JSON.getNodeFactory().textNode(new String(message.getPayload(), java.nio.charset.StandardCharsets.UTF_8));
                }
                inbox.add(new Received(topic, body, message.isRetained()));
            }

            @Override
            public void deliveryComplete(IMqttToken token) {
            }

            @Override
            public void connectComplete(boolean reconnect, String uri) {
            }

            @Override
            public void authPacketArrived(int reasonCode, MqttProperties properties) {
            }
        });
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(true);
        options.setConnectionTimeout(5);
        if (username != null) {
            options.setUserName(username);
        }
        if (password != null) {
            options.setPassword(new String(password).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        client.connect(options);
    }

    /** Subscribes to a topic filter at QoS 1. */
    public void subscribe(String filter) throws MqttException {
        client.subscribe(filter, 1);
    }

    /** The next received message, waiting up to {@code timeoutMs}; null if none came. */
    public Received poll(long timeoutMs) throws InterruptedException {
        return inbox.poll(timeoutMs, TimeUnit.MILLISECONDS);
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
