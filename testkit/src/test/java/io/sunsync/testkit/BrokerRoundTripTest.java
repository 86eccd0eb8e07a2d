package io.sunsync.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.sunsync.testkit.mqtt.TestMqttClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

class BrokerRoundTripTest {

    static String roundTrip(Broker broker) throws Exception {
        try (TestMqttClient client = TestMqttClient.connect(broker)) {
            client.subscribe("test/echo");
            client.publish("test/echo", "hello".getBytes(StandardCharsets.UTF_8));
            return client.awaitMessage(m -> m.topic().equals("test/echo"), Duration.ofSeconds(10)).text();
        }
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
