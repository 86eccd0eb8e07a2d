package io.sunsync.flight.link;

import static org.assertj.core.api.Assertions.assertThat;

import io.sunsync.testkit.mqtt.Message;
import io.sunsync.testkit.mqtt.TestMqttClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.awaitility.Awaitility;
import org.eclipse.paho.mqttv5.common.MqttException;

/**
 * The ground side of link tests: testkit's MQTT 5 client subscribed to {@code sunsync/{sat}/#}, read
 * by the {@code stream} and {@code seq} user properties flight's outbox puts on every message, and
 * de-duplicated by them as the ICD tells ground tools to.
 *
 * <p>Threading: any thread; {@link #onMessage} runs on Paho's thread.
 */
public final class GroundStation implements AutoCloseable {
    /** A received message with its outbox numbering ({@code stream} null and {@code seq} -1 when it has none). */
    public record Received(String topic, String stream, long seq, byte[] payload, boolean retained, boolean duplicate,
                           Map<String, String> properties) {
        static Received of(Message m) {
            String seq = m.userProperty("seq");
            return new Received(m.topic(), m.userProperty("stream"), seq == null ? -1 : Long.parseLong(seq), m.payload(),
                    m.retained(), m.duplicate(), m.userProperties());
        }

        public String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }
    }

    /** The client underneath, for what the numbering does not cover (a raw publish at QoS 0). */
    public final TestMqttClient client;
    /** Also called with every message as it arrives (on Paho's thread: keep it quick). */
    public volatile Consumer<Received> onMessage = r -> { };

    /**
     * Connects to {@code url}; with {@code persistentSession} the broker keeps the session and
     * queued messages while we are away (clean start off, 1 h expiry) and Paho reconnects.
     */
    public GroundStation(String url, String clientId, String sat, boolean persistentSession, String user, String password)
            throws MqttException {
        TestMqttClient.Options o = TestMqttClient.to(url).clientId(clientId).onMessage(m -> onMessage.accept(Received.of(m)));
        if (persistentSession) {
            o.persistentSession(3600).automaticReconnect(1, 2);
        }
        if (user != null) {
            o.credentials(user, password);
        }
        client = o.connect();
        client.subscribe("sunsync/" + sat + "/#");
    }

    public GroundStation(String url, String sat) throws MqttException {
        this(url, "ground-" + System.nanoTime(), sat, false, null, null);
    }

    /** Everything received so far, in arrival order. */
    public List<Received> received() {
        return client.messages().stream().map(Received::of).toList();
    }

    /** Forgets what was received so far. */
    public void clear() {
        client.clear();
    }

    /** Everything received on {@code stream} (live deliveries, not retained replays), in arrival order. */
    public List<Received> stream(String stream) {
        return client.messages(m -> stream.equals(m.userProperty("stream")) && !m.retained()).stream()
                .map(Received::of).toList();
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
        await(() -> stream(stream).stream().mapToLong(Received::seq).distinct().count() >= count, timeout);
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

    /** Publishes at QoS 1 and waits for the broker's acknowledgement. */
    public void publish(String topic, byte[] payload) throws MqttException {
        client.publish(topic, payload);
    }

    @Override
    public void close() {
        client.close();
    }
}
