package io.sunsync.flight.link;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.BooleanSupplier;
import org.awaitility.Awaitility;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.eclipse.paho.mqttv5.common.packet.UserProperty;

/**
 * The ground side of link tests: a plain Paho MQTT 5 client that records everything it receives
 * under {@code sunsync/{sat}/#} with the {@code stream} and {@code seq} user properties, and
 * de-duplicates by them as the ICD tells ground tools to.
 */
public final class GroundStation implements AutoCloseable {
    public record Received(String topic, String stream, long seq, byte[] payload, boolean retained, boolean duplicate,
                           Map<String, String> properties) {
        public String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }
    }

    public final Queue<Received> inbox = new ConcurrentLinkedQueue<>();
    public final MqttClient client;
    /** Also called with every message as it arrives (on Paho's thread: keep it quick). */
    public volatile java.util.function.Consumer<Received> onMessage = r -> { };

    /**
     * Connects to {@code url}; with {@code persistentSession} the broker keeps the session and
     * queued messages while we are away (clean start off, 1 h expiry) and Paho reconnects.
     */
    public GroundStation(String url, String clientId, String sat, boolean persistentSession, String user, String password)
            throws MqttException {
        client = new MqttClient(url, clientId, new MemoryPersistence());
        client.setCallback(new MqttCallback() {
            @Override
            public void disconnected(MqttDisconnectResponse r) {
            }

            @Override
            public void mqttErrorOccurred(MqttException e) {
            }

            @Override
            public void messageArrived(String topic, MqttMessage m) {
                String stream = null;
                long seq = -1;
                Map<String, String> props = new java.util.LinkedHashMap<>();
                MqttProperties p = m.getProperties();
                if (p != null && p.getUserProperties() != null) {
                    for (UserProperty u : p.getUserProperties()) {
                        props.put(u.getKey(), u.getValue());
                        if (u.getKey().equals("stream")) {
                            stream = u.getValue();
                        } else if (u.getKey().equals("seq")) {
                            seq = Long.parseLong(u.getValue());
                        }
                    }
                }
                Received r = new Received(topic, stream, seq, m.getPayload(), m.isRetained(), m.isDuplicate(), props);
                inbox.add(r);
                onMessage.accept(r);
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
        MqttConnectionOptions o = new MqttConnectionOptions();
        if (persistentSession) {
            o.setCleanStart(false);
            o.setSessionExpiryInterval(3600L);
            o.setAutomaticReconnect(true);
            o.setAutomaticReconnectDelay(1, 2);
        }
        if (user != null) {
            o.setUserName(user);
            o.setPassword(password.getBytes(StandardCharsets.UTF_8));
        }
        client.connect(o);
        client.subscribe("sunsync/" + sat + "/#", 1);
    }

    public GroundStation(String url, String sat) throws MqttException {
        this(url, "ground-" + System.nanoTime(), sat, false, null, null);
    }

    /** Everything received on {@code stream} (live deliveries, not retained replays), in arrival order. */
    public List<Received> stream(String stream) {
        List<Received> out = new ArrayList<>();
        for (Received r : inbox) {
            if (stream.equals(r.stream()) && !r.retained()) {
                out.add(r);
            }
        }
        return out;
    }

    /**
     * {@code stream} after de-duplication by sequence number: a message whose seq is not above the
     * highest seen so far is a duplicate (QoS 1 redelivery) and is dropped.
     */
    public List<Received> deduplicated(String stream) {
        List<Received> out = new ArrayList<>();
        long highest = -1;
        for (Received r : stream(stream)) {
            if (r.seq() > highest) {
                out.add(r);
                highest = r.seq();
            }
        }
        return out;
    }

    /** Waits until {@code stream} holds {@code count} distinct sequence numbers. */
    public void awaitDistinct(String stream, long count, Duration timeout) {
        Awaitility.await().atMost(timeout).pollInterval(Duration.ofMillis(20))
                .until(() -> stream(stream).stream().mapToLong(Received::seq).distinct().count() >= count);
    }

    public void await(BooleanSupplier condition, Duration timeout) {
        Awaitility.await().atMost(timeout).pollInterval(Duration.ofMillis(20)).until(condition::getAsBoolean);
    }

    /** Asserts the stream arrived complete, 0..count-1, in order after de-duplication. */
    public void assertCompleteInOrder(String stream, long count) {
        List<Received> dedup = deduplicated(stream);
        assertThat(dedup).as("distinct %s messages", stream).hasSize((int) count);
        for (int i = 0; i < dedup.size(); i++) {
            assertThat(dedup.get(i).seq()).as("%s message %d", stream, i).isEqualTo(i);
        }
        // Nothing arrived out of order: every non-duplicate came after all lower seqs.
        long distinct = stream(stream).stream().mapToLong(Received::seq).distinct().count();
        assertThat(distinct).isEqualTo(count);
    }

    public Map<String, Long> duplicatesByStream() {
        Map<String, Long> m = new java.util.TreeMap<>();
        for (String s : inbox.stream().map(Received::stream).filter(java.util.Objects::nonNull).distinct().toList()) {
            m.put(s, (long) stream(s).size() - deduplicated(s).size());
        }
        return m;
    }

    public void publish(String topic, byte[] payload) throws MqttException {
        client.publish(topic, payload, 1, false);
    }

    @Override
    public void close() throws MqttException {
        if (client.isConnected()) {
            client.disconnect();
        }
        client.close();
    }
}
