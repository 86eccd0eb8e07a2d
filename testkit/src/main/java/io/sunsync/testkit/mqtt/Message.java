package io.sunsync.testkit.mqtt;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.eclipse.paho.mqttv5.common.packet.UserProperty;

/**
 * A message a {@link TestMqttClient} received, as the broker delivered it. Immutable but for the
 * arrays, which are the client's own copies: do not change them.
 *
 * @param topic           the topic it came on
 * @param payload         its bytes
 * @param qos             the QoS it was delivered with (0, 1 or 2)
 * @param retained        true if the broker delivered it as a topic's retained value
 * @param duplicate       the DUP flag: the broker may have delivered it before
 * @param userProperties  MQTT 5 user properties in the order they came (a key sent twice keeps its last value)
 * @param correlationData MQTT 5 correlation data, or null
 * @param responseTopic   MQTT 5 response topic, or null
 * @param messageExpiryS  MQTT 5 message expiry interval left when the broker delivered it, in s, or null
 */
public record Message(String topic, byte[] payload, int qos, boolean retained, boolean duplicate,
                      Map<String, String> userProperties, byte[] correlationData, String responseTopic,
                      Long messageExpiryS) {

    /** Rejects a message without a topic or payload; keeps the user properties unmodifiable. */
    public Message {
        if (topic == null || payload == null) {
            throw new IllegalArgumentException("a message needs a topic and a payload (empty, not null)");
        }
        userProperties = Collections.unmodifiableMap(new LinkedHashMap<>(userProperties));
    }

    /** The message Paho delivered on {@code topic}. */
    static Message of(String topic, MqttMessage m) {
        MqttProperties p = m.getProperties();
        Map<String, String> user = new LinkedHashMap<>();
        if (p != null && p.getUserProperties() != null) {
            for (UserProperty u : p.getUserProperties()) {
                user.put(u.getKey(), u.getValue());
            }
        }
        return new Message(topic, m.getPayload(), m.getQos(), m.isRetained(), m.isDuplicate(), user,
                p == null ? null : p.getCorrelationData(), p == null ? null : p.getResponseTopic(),
                p == null ? null : p.getMessageExpiryInterval());
    }

    /** The payload as UTF-8 text. */
    public String text() {
        return new String(payload, StandardCharsets.UTF_8);
    }

    /** The user property {@code key}, or null if the message has none by that name. */
    public String userProperty(String key) {
        return userProperties.get(key);
    }

    /** One line for failure messages: the topic and the start of the payload. */
    String describe() {
        String text = text();
        return topic + " " + (text.length() > 120 ? text.substring(0, 120) + "..." : text);
    }
}
