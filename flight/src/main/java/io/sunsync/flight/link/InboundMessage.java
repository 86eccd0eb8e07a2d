package io.sunsync.flight.link;

import java.util.Map;
import java.util.Objects;

/**
 * A message received from the broker, copied out of Paho's callback so it can be handled on
 * another thread.
 *
 * @param topic            the topic it arrived on
 * @param payload          its bytes
 * @param qos              the QoS it was delivered at
 * @param retained         whether it was a retained message
 * @param duplicate        whether the broker flagged it as a possible redelivery
 * @param responseTopic    MQTT 5 response topic, or null
 * @param correlationData  MQTT 5 correlation data, or null
 * @param expirySeconds    MQTT 5 message expiry interval left, or null if none was set
 * @param userProperties   MQTT 5 user properties (empty if none)
 */
public record InboundMessage(String topic, byte[] payload, int qos, boolean retained, boolean duplicate,
                             String responseTopic, byte[] correlationData, Long expirySeconds,
                             Map<String, String> userProperties) {
    public InboundMessage {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(payload, "payload");
        userProperties = userProperties == null ? Map.of() : Map.copyOf(userProperties);
    }
}
