package io.sunsync.testkit.mqtt;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.eclipse.paho.mqttv5.common.packet.UserProperty;

/**
 * The MQTT 5 properties a {@link TestMqttClient} publishes with; a null field is not sent. Built from
 * {@link #NONE} with the {@code with…} methods, e.g.
 * {@code PublishProperties.NONE.withResponseTopic(reply).withCorrelationData(id).withMessageExpiryS(60)}.
 * Immutable but for the correlation array, which it does not copy.
 *
 * @param responseTopic   where the receiver should answer, or null
 * @param correlationData what the receiver should answer with, or null
 * @param messageExpiryS  how long the broker may keep the message for a receiver that is away, in s (at
 *                        least 0), or null for no expiry
 * @param userProperties  user properties, sent in this order
 */
public record PublishProperties(String responseTopic, byte[] correlationData, Long messageExpiryS,
                                Map<String, String> userProperties) {
    /** No properties. */
    public static final PublishProperties NONE = new PublishProperties(null, null, null, Map.of());

    /** Checks the expiry and keeps the user properties in order, unmodifiable. */
    public PublishProperties {
        if (messageExpiryS != null && messageExpiryS < 0) {
            throw new IllegalArgumentException("messageExpiryS must be at least 0, not " + messageExpiryS);
        }
        userProperties = Collections.unmodifiableMap(new LinkedHashMap<>(userProperties));
    }

    /** These properties with the response topic {@code topic}. */
    public PublishProperties withResponseTopic(String topic) {
        return new PublishProperties(topic, correlationData, messageExpiryS, userProperties);
    }

    /** These properties with correlation data {@code data}. */
    public PublishProperties withCorrelationData(byte[] data) {
        return new PublishProperties(responseTopic, data, messageExpiryS, userProperties);
    }

    /** These properties with a message expiry of {@code seconds} (null: none). */
    public PublishProperties withMessageExpiryS(Long seconds) {
        return new PublishProperties(responseTopic, correlationData, seconds, userProperties);
    }

    /** These properties with the user property {@code key} = {@code value} added (or replaced). */
    public PublishProperties withUserProperty(String key, String value) {
        Map<String, String> user = new LinkedHashMap<>(userProperties);
        user.put(key, value);
        return new PublishProperties(responseTopic, correlationData, messageExpiryS, user);
    }

    /** Paho's form of these properties. */
    MqttProperties toPaho() {
        MqttProperties p = new MqttProperties();
        p.setResponseTopic(responseTopic);
        p.setCorrelationData(correlationData);
        p.setMessageExpiryInterval(messageExpiryS);
        List<UserProperty> user = new ArrayList<>();
        userProperties.forEach((k, v) -> user.add(new UserProperty(k, v)));
        p.setUserProperties(user);
        return p;
    }
}
