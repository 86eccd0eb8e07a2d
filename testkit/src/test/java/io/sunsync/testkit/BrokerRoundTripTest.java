package io.sunsync.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

class BrokerRoundTripTest {

    static String roundTrip(Broker broker) throws Exception {
        BlockingQueue<String> received = new ArrayBlockingQueue<>(1);
        MqttClient client = new MqttClient(broker.url(), "rt-" + System.nanoTime(), new MemoryPersistence());
        client.setCallback(new MqttCallback() {
            @Override
            public void disconnected(MqttDisconnectResponse r) {
            }

            @Override
            public void mqttErrorOccurred(MqttException e) {
            }

            @Override
            public void messageArrived(String topic, MqttMessage message) {
                received.offer(new String(message.getPayload(), StandardCharsets.UTF_8));
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
        client.subscribe("test/echo", 1);
        client.publish("test/echo", "hello".getBytes(StandardCharsets.UTF_8), 1, false);
        String got = received.poll(10, TimeUnit.SECONDS);
        client.disconnect();
        client.close();
        return got;
    }

    @Test
    void embeddedHiveMqCarriesAnMqtt5Message() throws Exception {
        try (EmbeddedBroker broker = EmbeddedBroker.start()) {
            assertThat(broker.port()).isPositive();
            assertThat(roundTrip(broker)).isEqualTo("hello");
        }
    }

    @Test
    @Tag("mosquitto")
    void mosquittoCarriesAnMqtt5MessageAndSurvivesARestart() throws Exception {
        try (MosquittoBroker broker = MosquittoBroker.builder().persistence(true).start()) {
            assertThat(roundTrip(broker)).isEqualTo("hello");
            broker.restart();
            assertThat(broker.isRunning()).isTrue();
            assertThat(roundTrip(broker)).isEqualTo("hello");
        }
    }

    @Test
    @Tag("mosquitto")
    void mosquittoWithAPasswordFileRefusesAnonymousClients() {
        try (MosquittoBroker broker = MosquittoBroker.builder().user("sat-001", "s3cret").start()) {
            assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> roundTrip(broker)))
                    .isInstanceOf(MqttException.class);
        }
    }
}
