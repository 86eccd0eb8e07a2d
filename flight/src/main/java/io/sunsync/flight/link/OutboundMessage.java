package io.sunsync.flight.link;

import java.util.Objects;

/**
 * A message waiting to go down the link.
 *
 * @param topic            full MQTT topic
 * @param payload          the bytes to send (UTF-8 JSON for every message in the ICD)
 * @param qos              MQTT QoS (0..2)
 * @param retained         whether the broker keeps it as the topic's last value
 * @param correlationData  MQTT 5 correlation data to send with it (e.g. the one a command carried,
 *                         on its verification reports), or null for none
 * @param messageExpiryS   MQTT 5 message expiry interval in s (&gt; 0), or null for none
 */
public record OutboundMessage(String topic, byte[] payload, int qos, boolean retained, byte[] correlationData,
                              Long messageExpiryS) {
    public OutboundMessage {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(payload, "payload");
        if (qos < 0 || qos > 2) {
            throw new IllegalArgumentException("qos must be 0..2, was " + qos);
        }
        if (messageExpiryS != null && messageExpiryS <= 0) {
            throw new IllegalArgumentException("messageExpiryS must be > 0, was " + messageExpiryS);
        }
    }

    /** A message without MQTT 5 properties. */
    public OutboundMessage(String topic, byte[] payload, int qos, boolean retained) {
        this(topic, payload, qos, retained, null, null);
    }
}
