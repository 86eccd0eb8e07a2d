package io.sunsync.flight.link;

import java.util.Objects;

/**
 * A message waiting to go down the link.
 *
 * @param topic    full MQTT topic
 * @param payload  the bytes to send (UTF-8 JSON for every message in the ICD)
 * @param qos      MQTT QoS (0..2)
 * @param retained whether the broker keeps it as the topic's last value
 */
public record OutboundMessage(String topic, byte[] payload, int qos, boolean retained) {
    public OutboundMessage {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(payload, "payload");
        if (qos < 0 || qos > 2) {
            throw new IllegalArgumentException("qos must be 0..2, was " + qos);
        }
    }
}
