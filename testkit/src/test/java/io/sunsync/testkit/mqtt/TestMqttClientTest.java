package io.sunsync.testkit.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.sunsync.testkit.EmbeddedBroker;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The test client against the embedded HiveMQ: what it sends and keeps, and that its waits can fail. */
class TestMqttClientTest {
    final EmbeddedBroker broker = EmbeddedBroker.shared();
    /** Topics of this test instance only: the broker is shared by the JVM's tests. */
    final String root = "tmc/" + UUID.randomUUID().toString().substring(0, 8);

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void propertiesUserPropertiesAndTheRetainFlagArriveAsPublished() throws Exception {
        PublishProperties props = PublishProperties.NONE.withResponseTopic(root + "/reply")
                .withCorrelationData(new byte[] {7, 9}).withMessageExpiryS(600L)
                .withUserProperty("stream", "tm/hk").withUserProperty("seq", "41");
        try (TestMqttClient publisher = TestMqttClient.connect(broker)) {
            // No one subscribes yet: HiveMQ answers 0x10 (no matching subscribers), a success, and keeps it.
            assertThat(publisher.publish(root + "/kept", utf8("retained"), 1, true, props)).isIn(0, 0x10);
            try (TestMqttClient ground = TestMqttClient.connect(broker)) {
                assertThat(ground.subscribe(root + "/#")).containsExactly(1); // granted QoS 1
                Message old = ground.awaitMessage(m -> m.topic().equals(root + "/kept"), Duration.ofSeconds(10));
                publisher.publish(root + "/live", utf8("live"), 1, false, props);
                Message live = ground.awaitMessage(m -> m.topic().equals(root + "/live"), Duration.ofSeconds(10));

                assertThat(old.retained()).isTrue();
                assertThat(old.text()).isEqualTo("retained");
                assertThat(live.retained()).isFalse();
                assertThat(live.qos()).isEqualTo(1);
                assertThat(live.responseTopic()).isEqualTo(root + "/reply");
                assertThat(live.correlationData()).containsExactly(7, 9);
                assertThat(live.messageExpiryS()).isBetween(590L, 600L);
                assertThat(live.userProperties()).containsExactly(Map.entry("stream", "tm/hk"), Map.entry("seq", "41"));
                assertThat(live.userProperty("seq")).isEqualTo("41");
                assertThat(ground.received()).isEqualTo(2);
            }
            publisher.publish(root + "/kept", new byte[0], 1, true); // clears the retained value
        }
    }

    @Test
    void awaitCountReturnsTheFirstMatchesInArrivalOrderAndATimeoutSaysWhatDidArrive() throws Exception {
        try (TestMqttClient ground = TestMqttClient.connect(broker)) {
            ground.subscribe(root + "/n");
            for (int i = 0; i < 5; i++) {
                ground.publish(root + "/n", utf8("m" + i));
            }
            List<Message> three = ground.awaitCount(m -> !m.text().equals("m0"), 3, Duration.ofSeconds(10));
            assertThat(three).extracting(Message::text).containsExactly("m1", "m2", "m3");
            ground.awaitCount(m -> true, 5, Duration.ofSeconds(10));

            assertThatThrownBy(() -> ground.awaitMessage(m -> m.text().equals("m9"), Duration.ofMillis(200)))
                    .isInstanceOf(AssertionError.class).hasMessageContaining("0 of 1")
                    .hasMessageContaining("5 kept, the last: " + root + "/n m4");
            ground.clear();
            assertThat(ground.messages()).isEmpty();
            assertThat(ground.received()).isEqualTo(5);
        }
    }

    @Test
    void nothingArrivesHoldsOnlyWhileNothingMatchingComes() throws Exception {
        ScheduledExecutorService later = Executors.newSingleThreadScheduledExecutor();
        try (TestMqttClient ground = TestMqttClient.connect(broker)) {
            ground.subscribe(root + "/#");
            ground.publish(root + "/other", utf8("x"));
            ground.awaitMessage(m -> m.topic().endsWith("/other"), Duration.ofSeconds(10));
            ground.assertNothingArrives(m -> m.topic().endsWith("/secret"), Duration.ofMillis(300));

            // A matching message that comes in the middle of the window fails it.
            later.schedule(() -> ground.publish(root + "/secret", utf8("leak")), 200, TimeUnit.MILLISECONDS);
            assertThatThrownBy(() -> ground.assertNothingArrives(m -> m.topic().endsWith("/secret"), Duration.ofSeconds(1)))
                    .isInstanceOf(AssertionError.class).hasMessageContaining(root + "/secret leak");
            assertThatThrownBy(() -> ground.assertNothingArrives(Duration.ofMillis(100))).isInstanceOf(AssertionError.class);
        } finally {
            later.shutdownNow();
        }
    }

    @Test
    void aPersistentSessionGetsWhatWasPublishedWhileItWasAway() throws Exception {
        String id = "tmc-" + UUID.randomUUID().toString().substring(0, 8);
        try (TestMqttClient first = TestMqttClient.to(broker).clientId(id).persistentSession(300).connect()) {
            first.subscribe(root + "/tc");
        }
        try (TestMqttClient ground = TestMqttClient.connect(broker)) {
            assertThat(ground.publish(root + "/tc", utf8("while away"))).isZero();
        }
        try (TestMqttClient again = TestMqttClient.to(broker).clientId(id).persistentSession(0).connect()) {
            // No subscribe: the session the broker kept holds the subscription and the queued message.
            assertThat(again.awaitMessage(m -> m.topic().equals(root + "/tc"), Duration.ofSeconds(10)).text())
                    .isEqualTo("while away");
        }
    }

    @Test
    void aWaitThatFindsNothingSaysTheConnectionWasLost() throws Exception {
        String id = "tmc-" + UUID.randomUUID().toString().substring(0, 8);
        try (TestMqttClient first = TestMqttClient.to(broker).clientId(id).connect();
             TestMqttClient takeover = TestMqttClient.to(broker).clientId(id).connect()) {
            await().atMost(Duration.ofSeconds(10)).until(() -> !first.isConnected());
            assertThat(takeover.isConnected()).isTrue();
            // MQTT 5: the broker tells the first client why (0x8E, session taken over).
            assertThatThrownBy(() -> first.awaitMessage(m -> true, Duration.ofMillis(50)))
                    .isInstanceOf(AssertionError.class).hasMessageContaining("not connected")
                    .hasMessageContaining("connection lost (reason code 142");
        }
    }

    @Test
    void theBrokerSendsNothingLargerThanTheAnnouncedMaximumPacketSize() throws Exception {
        try (TestMqttClient small = TestMqttClient.to(broker).maximumPacketSizeBytes(1024).connect();
             TestMqttClient publisher = TestMqttClient.connect(broker)) {
            small.subscribe(root + "/p");
            publisher.publish(root + "/p", new byte[4096]);
            publisher.publish(root + "/p", utf8("small"));
            small.awaitMessage(m -> m.text().equals("small"), Duration.ofSeconds(10));
            // Messages on one topic arrive in order: the large one came first or not at all.
            assertThat(small.messages()).extracting(Message::text).containsExactly("small");
        }
    }

    @Test
    void aClientThatKeepsNothingHandsEveryMessageToItsListener() throws Exception {
        List<String> heard = new CopyOnWriteArrayList<>();
        try (TestMqttClient counting = TestMqttClient.to(broker).keepMessages(false).onMessage(m -> heard.add(m.text()))
                .connect()) {
            counting.subscribe(root + "/l");
            for (int i = 0; i < 20; i++) {
                counting.publishAsync(root + "/l", utf8(Integer.toString(i)), 1, false, PublishProperties.NONE);
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> heard.size() == 20);
            assertThat(heard).containsExactly("0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12", "13",
                    "14", "15", "16", "17", "18", "19");
            assertThat(counting.received()).isEqualTo(20);
            assertThat(counting.messages()).isEmpty();
            assertThatThrownBy(() -> counting.awaitMessage(m -> true, Duration.ofMillis(10)))
                    .isInstanceOf(IllegalStateException.class);
        }
    }
}
