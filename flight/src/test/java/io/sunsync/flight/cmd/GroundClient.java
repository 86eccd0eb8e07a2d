package io.sunsync.flight.cmd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sunsync.testkit.mqtt.Message;
import io.sunsync.testkit.mqtt.PublishProperties;
import io.sunsync.testkit.mqtt.TestMqttClient;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.eclipse.paho.mqttv5.common.MqttException;

/**
 * A test ground station for commanding: testkit's MQTT 5 client subscribed to sunsync/{sat}/#, reading
 * every message as JSON (parsed once) and sending commands with a response topic, correlation data
 * and message expiry. Threading: any thread.
 */
final class GroundClient implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A received message and its payload as JSON (null when it is not JSON). */
    record Received(String topic, byte[] payload, JsonNode body, boolean retained, byte[] correlationData) {
    }

    private final TestMqttClient client;
    /** Each message read once: the waits test every message kept on every poll. */
    private final Map<Message, Received> read = new ConcurrentHashMap<>();

    GroundClient(String brokerUrl, String sat) throws MqttException {
        client = TestMqttClient.to(brokerUrl).clientId("test-ground-" + System.nanoTime()).connect();
        client.subscribe("sunsync/" + sat + "/#");
    }

    private Received read(Message m) {
        return read.computeIfAbsent(m, k -> {
            JsonNode body;
            try {
                body = JSON.readTree(k.payload());
            } catch (IOException e) {
                body = null;
            }
            return new Received(k.topic(), k.payload(), body, k.retained(), k.correlationData());
        });
    }

    /** Everything received so far, in arrival order. */
    List<Received> all() {
        return client.messages().stream().map(this::read).toList();
    }

    /** Publishes a command at QoS 1 with MQTT 5 response topic, correlation data and message expiry (each may be null). */
    void send(String topic, byte[] payload, String responseTopic, byte[] correlation, Long expiryS) throws MqttException {
        client.publish(topic, payload, 1, false, PublishProperties.NONE.withResponseTopic(responseTopic)
                .withCorrelationData(correlation).withMessageExpiryS(expiryS));
    }

    /** Waits for a message matching {@code what}, looking at those already received first. */
    Received await(Predicate<Received> what, Duration timeout) {
        return read(client.awaitMessage(m -> what.test(read(m)), timeout));
    }

    /** Waits for the report of {@code stage} for command {@code seq}. */
    JsonNode awaitReport(long seq, String stage) {
        return await(r -> r.topic().contains("/tc/ack") && r.body() != null && r.body().path("seq").asLong(-1) == seq
                && stage.equals(r.body().path("stage").asText()), Duration.ofSeconds(20)).body();
    }

    @Override
    public void close() {
        client.close();
    }
}
