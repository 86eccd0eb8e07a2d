package io.sunsync.flight.link.outbox;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One message as the outbox stores it: the MQTT message plus its stream, per-stream sequence
 * number, priority and the mission time it was queued at.
 *
 * @param stream          stream name, e.g. {@code hk}, {@code evt}, {@code results}
 * @param seq             sequence number within the stream, from 0, never reused
 * @param priority        drain priority
 * @param enqueuedAt      mission time it was queued (from the flight {@code TimeSource})
 * @param topic           MQTT topic
 * @param qos             MQTT QoS 0..2
 * @param retained        MQTT retain flag
 * @param correlationData MQTT 5 correlation data, or null
 * @param messageExpiryS  MQTT 5 message expiry interval in s counted from {@code enqueuedAt}, or null
 * @param responseTopic   MQTT 5 response topic, or null
 * @param contentType     MQTT 5 content type, or null
 * @param userProperties  MQTT 5 user properties besides {@code stream} and {@code seq}, in order
 * @param payload         message bytes
 */
public record OutboxRecord(String stream, long seq, Priority priority, Instant enqueuedAt, String topic, int qos,
                           boolean retained, byte[] correlationData, Long messageExpiryS, String responseTopic,
                           String contentType, List<Map.Entry<String, String>> userProperties, byte[] payload) {
    public OutboxRecord {
        Objects.requireNonNull(stream, "stream");
        Objects.requireNonNull(priority, "priority");
        Objects.requireNonNull(enqueuedAt, "enqueuedAt");
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(payload, "payload");
        userProperties = userProperties == null ? List.of() : List.copyOf(userProperties);
        if (qos < 0 || qos > 2) {
            throw new IllegalArgumentException("qos must be 0..2, was " + qos);
        }
    }

    /** A record with no MQTT 5 properties. */
    public static OutboxRecord of(String stream, long seq, Priority priority, Instant enqueuedAt, String topic,
                                  int qos, boolean retained, byte[] payload) {
        return new OutboxRecord(stream, seq, priority, enqueuedAt, topic, qos, retained, null, null, null, null,
                List.of(), payload);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OutboxRecord r && seq == r.seq && qos == r.qos && retained == r.retained
                && stream.equals(r.stream) && priority == r.priority && enqueuedAt.equals(r.enqueuedAt)
                && topic.equals(r.topic) && java.util.Arrays.equals(correlationData, r.correlationData)
                && Objects.equals(messageExpiryS, r.messageExpiryS) && Objects.equals(responseTopic, r.responseTopic)
                && Objects.equals(contentType, r.contentType) && userProperties.equals(r.userProperties)
                && java.util.Arrays.equals(payload, r.payload);
    }

    @Override
    public int hashCode() {
        return Objects.hash(stream, seq, topic, java.util.Arrays.hashCode(payload));
    }

    @Override
    public String toString() {
        return "OutboxRecord[" + stream + "#" + seq + " " + priority + " " + topic + " qos" + qos
                + (retained ? " retained" : "") + " " + payload.length + " B]";
    }
}
