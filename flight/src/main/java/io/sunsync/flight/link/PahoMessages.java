package io.sunsync.flight.link;

import io.sunsync.flight.link.auth.TelemetryAuthenticator;
import io.sunsync.flight.link.outbox.Outbox;
import io.sunsync.flight.link.outbox.OutboxRecord;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.eclipse.paho.mqttv5.common.packet.UserProperty;

/**
 * Conversions between the link's messages and Paho's: an outbox delivery or a presence message
 * to an {@link MqttMessage} (user properties {@code stream} and {@code seq}, and, with telemetry
 * authentication, {@code kid} and {@code mac}), a received message to an {@link InboundMessage}
 * copy, and the reason codes of an acknowledgement to a refusal.
 *
 * <p>Threading: stateless.
 */
final class PahoMessages {
    private PahoMessages() {
    }

    /**
     * The message to publish for {@code d}, signed as it is sent: a message sent again after a key
     * rotation carries the new key's MAC.
     *
     * @param auth the telemetry authenticator, or null to send unsigned
     */
    static MqttMessage outbound(Outbox.Delivery d, TelemetryAuthenticator auth) {
        OutboxRecord r = d.record();
        MqttMessage m = new MqttMessage(r.payload());
        m.setQos(r.qos());
        m.setRetained(r.retained());
        MqttProperties p = new MqttProperties();
        List<UserProperty> user = new ArrayList<>();
        for (Map.Entry<String, String> e : d.userProperties()) {
            user.add(new UserProperty(e.getKey(), e.getValue()));
        }
        sign(user, auth, r.topic(), r.stream(), r.seq(), r.payload());
        p.setUserProperties(user);
        if (r.correlationData() != null) {
            p.setCorrelationData(r.correlationData());
        }
        if (d.remainingExpiryS() != null) {
            p.setMessageExpiryInterval(d.remainingExpiryS());
        }
        if (r.responseTopic() != null) {
            p.setResponseTopic(r.responseTopic());
        }
        if (r.contentType() != null) {
            p.setContentType(r.contentType());
        }
        m.setProperties(p);
        return m;
    }

    /** A presence message (QoS 1, retained) of {@code stream} with its {@code seq}, signed when {@code auth} is set. */
    static MqttMessage presence(String topic, String stream, long seq, byte[] payload, TelemetryAuthenticator auth) {
        MqttMessage m = new MqttMessage(payload);
        m.setQos(1);
        m.setRetained(true);
        List<UserProperty> user = new ArrayList<>();
        user.add(new UserProperty("stream", stream));
        user.add(new UserProperty("seq", Long.toString(seq)));
        sign(user, auth, topic, stream, seq, payload);
        MqttProperties p = new MqttProperties();
        p.setUserProperties(user);
        m.setProperties(p);
        return m;
    }

    private static void sign(List<UserProperty> user, TelemetryAuthenticator auth, String topic, String stream, long seq,
                             byte[] payload) {
        if (auth == null) {
            return;
        }
        TelemetryAuthenticator.Signed sig = auth.sign(topic, stream, seq, payload);
        user.add(new UserProperty(TelemetryAuthenticator.KID, Integer.toString(sig.kid())));
        user.add(new UserProperty(TelemetryAuthenticator.MAC, sig.macHex()));
    }

    /** A copy of a received message that outlives Paho's callback. */
    static InboundMessage copyOf(String topic, MqttMessage m) {
        MqttProperties p = m.getProperties();
        Map<String, String> user = new LinkedHashMap<>();
        String responseTopic = null;
        byte[] correlation = null;
        Long expiry = null;
        if (p != null) {
            responseTopic = p.getResponseTopic();
            correlation = p.getCorrelationData();
            expiry = p.getMessageExpiryInterval();
            if (p.getUserProperties() != null) {
                for (UserProperty u : p.getUserProperties()) {
                    user.put(u.getKey(), u.getValue());
                }
            }
        }
        return new InboundMessage(topic, m.getPayload().clone(), m.getQos(), m.isRetained(), m.isDuplicate(),
                responseTopic, correlation, expiry, user);
    }

    /** The first error reason code (0x80 or above) among {@code codes}, or -1 when there is none. */
    static int refusal(int[] codes) {
        if (codes != null) {
            for (int code : codes) {
                if (code >= 0x80) {
                    return code;
                }
            }
        }
        return -1;
    }
}
