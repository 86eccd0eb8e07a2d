package io.sunsync.flight.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sunsync.flight.link.outbox.OutboxConfig;
import io.sunsync.testkit.Closer;
import io.sunsync.testkit.EmbeddedBroker;
import io.sunsync.testkit.FreePort;
import io.sunsync.testkit.TcpProxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The link over the on-disk outbox against embedded HiveMQ, with outages made by a TCP relay. */
class MqttLinkTest {
    static EmbeddedBroker broker;
    static final AtomicInteger SATS = new AtomicInteger();

    @TempDir
    Path dir;
    @AutoClose
    final Closer closeAfter = new Closer();

    @BeforeAll
    static void startBroker() {
        broker = EmbeddedBroker.shared();
    }

    String newSat() {
        return "sat-" + SATS.incrementAndGet();
    }

    MqttLink link(String url, String sat, Path outbox) {
        LinkConfig config = LinkConfig.to(url, outbox).withReconnect(20, 200);
        MqttLink link = new MqttLink(config, new Topics(sat), "sunsync-" + sat, () -> Map.of("sat", sat));
        return link;
    }

    MqttLink started(MqttLink link) {
        link.start();
        closeAfter.add(link::stop);
        return link;
    }

    GroundStation ground(String sat) throws Exception {
        GroundStation g = new GroundStation(broker.url(), sat);
        closeAfter.add(g);
        return g;
    }

    static OutboundMessage hk(Topics t, int i) {
        return new OutboundMessage(t.housekeeping(), ("{\"i\":" + i + "}").getBytes(StandardCharsets.UTF_8), 1, true);
    }

    static OutboundMessage evt(Topics t, int i) {
        return new OutboundMessage(t.events(), ("{\"e\":" + i + "}").getBytes(StandardCharsets.UTF_8), 1, false);
    }

    @Test
    void everyMessageArrivesWithItsStreamAndSequenceNumber() throws Exception {
        String sat = newSat();
        Topics t = new Topics(sat);
        GroundStation ground = ground(sat);
        MqttLink link = started(link(broker.url(), sat, dir.resolve("outbox")));
        for (int i = 0; i < 500; i++) {
            link.send(hk(t, i));
            if (i % 10 == 0) {
                link.send(evt(t, i / 10));
            }
        }
        ground.awaitDistinct("tm/hk", 500, Duration.ofSeconds(20));
        ground.awaitDistinct("evt", 50, Duration.ofSeconds(20));
        ground.assertCompleteInOrder("tm/hk", 500);
        ground.assertCompleteInOrder("evt", 50);
        assertThat(ground.deduplicated("tm/hk").get(499).text()).isEqualTo("{\"i\":499}");
        assertThat(link.flush(Duration.ofSeconds(10))).isTrue();
        assertThat(link.stats().sent()).isEqualTo(550);
        assertThat(link.stats().dropped()).isZero();
    }

    @Test
    void messagesLargerThanTheInboundPacketLimitStillGoDown() throws Exception {
        // The limit bounds what the broker may send us, not what we send (Paho 1.2.5 mixes them up).
        String sat = newSat();
        Topics t = new Topics(sat);
        GroundStation ground = ground(sat);
        MqttLink link = link(broker.url(), sat, dir.resolve("outbox"));
        link.limitInboundPackets(MqttLink.maxInboundPacketFor(16_384));
        started(link);
        byte[] big = new byte[512 * 1024];
        java.util.Arrays.fill(big, (byte) 'x');
        link.send(new OutboundMessage(t.events(), big, 1, false));
        link.send(evt(t, 1));
        ground.awaitDistinct("evt", 2, Duration.ofSeconds(20));
        assertThat(ground.deduplicated("evt").get(0).payload()).hasSize(512 * 1024);
        assertThat(link.stats().connects()).as("the connection was never dropped").isEqualTo(1);
    }

    @Test
    void linkOutagesLoseNothingAndKeepEveryStreamInOrder() throws Exception {
        String sat = newSat();
        Topics t = new Topics(sat);
        GroundStation ground = ground(sat);
        TcpProxy proxy = TcpProxy.to(broker.port());
        closeAfter.add(proxy);
        MqttLink link = started(link(proxy.url(), sat, dir.resolve("outbox")));
        await().atMost(Duration.ofSeconds(10)).until(() -> link.stats().connected());
        int n = 4000;
        // A high but finite rate while the link drops and comes back: 10 frames every 3 ms (~3,300/s).
        java.util.concurrent.ScheduledExecutorService producer = java.util.concurrent.Executors.newSingleThreadScheduledExecutor();
        java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.CountDownLatch allSent = new java.util.concurrent.CountDownLatch(1);
        producer.scheduleAtFixedRate(() -> {
            for (int k = 0; k < 10 && next.get() < n; k++) {
                int i = next.getAndIncrement();
                link.send(hk(t, i));
                if (i % 20 == 0) {
                    link.send(evt(t, i / 20));
                }
            }
            if (next.get() >= n) {
                allSent.countDown();
            }
        }, 0, 3, java.util.concurrent.TimeUnit.MILLISECONDS);
        try {
            for (int outage = 1; outage <= 2; outage++) {
                long before = outage * 1000L;
                ground.await(() -> ground.stream("tm/hk").size() >= before, Duration.ofSeconds(10));
                proxy.cut(); // the link drops with messages in flight while telemetry keeps coming
                await().atMost(Duration.ofSeconds(10)).until(() -> !link.stats().connected());
                // The outage lasts 200 ms while the producer keeps sending; the link stays down throughout.
                await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(5)).until(() -> !link.stats().connected());
                proxy.restore();
                await().atMost(Duration.ofSeconds(10)).until(() -> link.stats().connected());
            }
            assertThat(allSent.await(30, java.util.concurrent.TimeUnit.SECONDS)).as("the producer sent all %d frames", n).isTrue();
        } finally {
            producer.shutdownNow();
        }
        ground.awaitDistinct("tm/hk", n, Duration.ofSeconds(30));
        ground.awaitDistinct("evt", n / 20, Duration.ofSeconds(30));
        ground.assertCompleteInOrder("tm/hk", n);
        ground.assertCompleteInOrder("evt", n / 20);
        assertThat(link.stats().connects()).isGreaterThanOrEqualTo(3);
        assertThat(link.stats().dropped()).isZero();
    }

    @Test
    void aLinkThatStopsAcknowledgingIsDroppedAfterTheAckTimeoutAndEverythingIsResent() throws Exception {
        String sat = newSat();
        Topics t = new Topics(sat);
        GroundStation ground = ground(sat);
        TcpProxy proxy = TcpProxy.to(broker.port());
        closeAfter.add(proxy);
        LinkConfig config = new LinkConfig(proxy.url(), null, null, null, null,
                OutboxConfig.in(dir.resolve("outbox")), null, null, 30, 1, 20L, 200L, null);
        MqttLink link = started(new MqttLink(config, t, "sunsync-" + sat, () -> Map.of("sat", sat)));
        await().atMost(Duration.ofSeconds(10)).until(() -> link.stats().connected());
        proxy.stall();
        for (int i = 0; i < 100; i++) {
            link.send(hk(t, i));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> !link.stats().connected());
        proxy.restore();
        ground.awaitDistinct("tm/hk", 100, Duration.ofSeconds(20));
        ground.assertCompleteInOrder("tm/hk", 100);
    }

    @Test
    void aCommandQueuedAtTheBrokerDuringAnOutageArrivesAfterReconnecting() throws Exception {
        String sat = newSat();
        Topics t = new Topics(sat);
        GroundStation ground = ground(sat);
        TcpProxy proxy = TcpProxy.to(broker.port());
        closeAfter.add(proxy);
        MqttLink link = link(proxy.url(), sat, dir.resolve("outbox"));
        BlockingQueue<InboundMessage> commands = new LinkedBlockingQueue<>();
        BlockingQueue<String> threads = new LinkedBlockingQueue<>();
        link.subscribe(t.under("tc"), 1, m -> {
            threads.add(Thread.currentThread().getName());
            commands.add(m);
        });
        started(link);
        await().atMost(Duration.ofSeconds(10)).until(() -> link.stats().connected());
        proxy.cut();
        await().atMost(Duration.ofSeconds(10)).until(() -> !link.stats().connected());
        ground.publish(t.under("tc"), "{\"cmd\":\"ping\"}".getBytes(StandardCharsets.UTF_8));
        // The QoS 1 publish returned on the broker's PUBACK: it is queued for the absent satellite,
        // and nothing reaches the satellite while the link is down.
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(commands::isEmpty);
        proxy.restore();
        InboundMessage cmd = commands.poll(15, TimeUnit.SECONDS);
        assertThat(cmd).isNotNull();
        assertThat(new String(cmd.payload(), StandardCharsets.UTF_8)).isEqualTo("{\"cmd\":\"ping\"}");
        assertThat(threads.poll()).isEqualTo("mqtt-inbound");
    }

    @Test
    void aQos0FloodOnTheCommandTopicIsCutAtItsBoundAndEveryDropIsCountedAndReported() throws Exception {
        String sat = newSat();
        Topics t = new Topics(sat);
        GroundStation ground = ground(sat);
        MqttLink link = link(broker.url(), sat, dir.resolve("outbox"));
        link.reportInboundDropsEvery(50);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        AtomicInteger handledQos0 = new AtomicInteger();
        BlockingQueue<String> handledQos1 = new LinkedBlockingQueue<>();
        java.util.concurrent.atomic.AtomicLong reported = new java.util.concurrent.atomic.AtomicLong();
        link.addListener(new LinkListener() {
            @Override
            public void onInboundDropped(InboundDrop reason, long count, long total) {
                assertThat(reason).isEqualTo(InboundDrop.QOS0_QUEUE_FULL);
                reported.addAndGet(count);
            }
        });
        link.subscribe(t.under("tc"), 1, m -> {
            try {
                release.await(); // a handler that cannot keep up
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (m.qos() == 0) {
                handledQos0.incrementAndGet();
            } else {
                handledQos1.add(new String(m.payload(), StandardCharsets.UTF_8));
            }
        });
        started(link);
        await().atMost(Duration.ofSeconds(10)).until(() -> link.stats().connected());
        int flood = 2_000;
        byte[] junk = "{\"junk\":true}".getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < flood; i++) {
            ground.client.publish(t.under("tc"), junk, 0, false);
        }
        // The broker may itself drop some QoS 0 messages; most reach flight, whose handler is stuck.
        await().atMost(Duration.ofSeconds(30)).until(() -> link.stats().inboundDropped() >= flood / 2);
        MqttLink.Stats held = link.stats();
        assertThat(handledQos0.get()).isZero();
        // Taken in while the handler is stuck: one in the handler, at most MAX_QUEUED_QOS0 waiting.
        assertThat(held.inboundReceived() - held.inboundDropped()).isBetween((long) MqttLink.MAX_QUEUED_QOS0,
                MqttLink.MAX_QUEUED_QOS0 + 1L);
        assertThat(link.inboundDropped(InboundDrop.QOS0_QUEUE_FULL)).isEqualTo(held.inboundDropped());
        release.countDown();
        ground.publish(t.under("tc"), "real".getBytes(StandardCharsets.UTF_8)); // QoS 1, after the flood
        assertThat(handledQos1.poll(10, TimeUnit.SECONDS)).isEqualTo("real");
        // Every message received is handled or counted as dropped; none vanished.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            MqttLink.Stats s = link.stats();
            assertThat(s.inboundReceived()).isEqualTo(handledQos0.get() + s.inboundDropped() + 1);
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> reported.get() == link.stats().inboundDropped());
        ground.publish(t.under("tc"), "after".getBytes(StandardCharsets.UTF_8));
        assertThat(handledQos1.poll(10, TimeUnit.SECONDS)).isEqualTo("after"); // still commandable
    }

    @Test
    void aNewLinkSendsWhatTheLastOneLeftInTheOutboxAndGoesOnNumbering() throws Exception {
        String sat = newSat();
        Topics t = new Topics(sat);
        Path outbox = dir.resolve("outbox");
        MqttLink first = link("tcp://127.0.0.1:" + FreePort.find(), sat, outbox);
        first.start();
        for (int i = 0; i < 100; i++) {
            first.send(hk(t, i));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> first.stats().lastFailure() == ConnectFailure.UNREACHABLE);
        assertThat(first.stats().queued()).isEqualTo(100);
        first.stop();

        GroundStation ground = ground(sat);
        MqttLink second = started(link(broker.url(), sat, outbox));
        second.send(hk(t, 100));
        ground.awaitDistinct("tm/hk", 101, Duration.ofSeconds(20));
        ground.assertCompleteInOrder("tm/hk", 101);
        assertThat(ground.deduplicated("tm/hk").get(100).text()).isEqualTo("{\"i\":100}");
    }
}
