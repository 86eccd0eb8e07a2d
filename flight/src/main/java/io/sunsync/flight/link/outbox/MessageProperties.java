package io.sunsync.flight.link.outbox;

import java.util.List;
import java.util.Map;

/**
 * The MQTT 5 properties a queued message carries (all optional).
 *
 * @param correlationData correlation data, or null
 * @param messageExpiryS  message expiry interval in s, counted from when the message was queued, or null
 * @param responseTopic   response topic, or null
 * @param contentType     content type, or null
 * @param userProperties  user properties, in order (the outbox adds {@code stream} and {@code seq} when sending)
 */
public record MessageProperties(byte[] correlationData, Long messageExpiryS, String responseTopic, String contentType,
                                List<Map.Entry<String, String>> userProperties) {
    /** No properties. */
    public static final MessageProperties NONE = new MessageProperties(null, null, null, null, List.of());

    public MessageProperties {
        userProperties = userProperties == null ? List.of() : List.copyOf(userProperties);
        if (messageExpiryS != null && messageExpiryS <= 0) {
            throw new IllegalArgumentException("messageExpiryS must be > 0, was " + messageExpiryS);
        }
    }
}
