package io.sunsync.flight.cmd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/** A test ground station: an MQTT 5 client that records everything under sunsync/{sat}/# and sends commands. */
final class GroundClient implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A received message. */
    record Received(String topic, byte[] payload, JsonNode body, boolean retained, byte[] correlationData) {
    }

    final List<Received> all = new CopyOnWriteArrayList<>();
    private final BlockingQueue<Received> inbox = new LinkedBlockingQueue<>();
    private final MqttClient client;

    GroundClient(String brokerUrl, String sat) throws MqttException {
        client = new MqttClient(brokerUrl, "test-ground-" + System.nanoTime(), new MemoryPersistence());
        client.setCallback(new MqttCallback() {
            @Override
            public void disconnected(MqttDisconnectResponse r) {
            }

            @Override
            public void mqttErrorOccurred(MqttException e) {
            }

            @Override
            public void messageArrived(String topic, MqttMessage m) {
                JsonNode body;
                try {
                    body = JSON.readTree(m.getPayload());
                } catch (Exception e) {
                    body = null;
                }
                byte[] corr = m.getProperties() == null ? null : m.getProperties().getCorrelationData();
                Received r = new Received(topic, m.getPayload(), body, m.isRetained(), corr);
                all.add(r);
                inbox.add(r);
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
        client.connect(new MqttConnectionOptions());
        client.subscribe("sunsync/" + sat + "/#", 1);
    }

    /** Publishes a command with MQTT 5 response topic, correlation data and message expiry. */
    void send(String topic, byte[] payload, String responseTopic, byte[] correlation, Long expiryS) throws MqttException {
        MqttMessage m = new MqttMessage(payload);
        m.setQos(1);
        MqttProperties p = new MqttProperties();
        p.setResponseTopic(responseTopic);
        p.setCorrelationData(correlation);
        p.setMessageExpiryInterval(expiryS);
        m.setProperties(p);
        client.publish(topic, m);
    }

    /** Waits for a message matching {@code what}, looking at those already received first. */
    Received await(Predicate<Received> what, Duration timeout) throws InterruptedException {
        for (Received r : all) {
            if (what.test(r)) {
                return r;
            }
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Received r = inbox.poll(50, TimeUnit.MILLISECONDS);
            if (r != null && what.test(r)) {
                return r;
            }
        }
        throw new AssertionError("nothing matching arrived within " + timeout + "; got " + all.size() + " messages, last: "
                + (all.isEmpty() ? "none" : all.get(all.size() - 1).topic() + " " + all.get(all.size() - 1).body()));
    }

    /** Waits for the report of {@code stage} for command {@code seq}. */
    JsonNode awaitReport(long seq, String stage) throws InterruptedException {
        return await(r -> r.topic().contains("/tc/ack") && r.body() != null && r.body().path("seq").asLong(-1) == seq
                && stage.equals(r.body().path("stage").asText()), Duration.ofSeconds(20)).body();
    }

    @Override
    public void close() throws MqttException {
        client.disconnect();
        client.close();
    }
}
