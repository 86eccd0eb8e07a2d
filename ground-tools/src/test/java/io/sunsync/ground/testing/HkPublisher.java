package io.sunsync.ground.testing;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.eclipse.paho.mqttv5.common.packet.UserProperty;

/**
 * Stands in for a fleet's flight software: publishes housekeeping frames for many satellites
 * from one MQTT 5 client, each with the outbox's {@code stream}/{@code seq} user properties, as
 * flight does. QoS 1 publishes are pipelined up to the broker's receive maximum. One thread
 * publishes.
 */
public final class HkPublisher implements AutoCloseable {
    private final MqttAsyncClient client;
    private final Semaphore window;
    private final int windowSize;
    private final AtomicLong acked = new AtomicLong();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final MqttActionListener onAck = new MqttActionListener() {
        @Override
        public void onSuccess(IMqttToken token) {
            acked.incrementAndGet();
            window.release();
        }

        @Override
        public void onFailure(IMqttToken token, Throwable e) {
            failure.compareAndSet(null, e);
            window.release();
        }
    };

    private final boolean retained;

    /** A publisher of non-retained frames. */
    public HkPublisher(String brokerUrl, String clientId) throws MqttException {
        this(brokerUrl, clientId, false);
    }

    /** @param retained publish frames retained, as flight does (slower on HiveMQ, which persists each one) */
    public HkPublisher(String brokerUrl, String clientId, boolean retained) throws MqttException {
        this.retained = retained;
        client = new MqttAsyncClient(brokerUrl, clientId, new MemoryPersistence());
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setCleanStart(true);
        IMqttToken connected = client.connect(o);
        connected.waitForCompletion(30_000);
        Integer serverMax = connected.getResponseProperties() == null ? null
                : connected.getResponseProperties().getReceiveMaximum();
        windowSize = Math.min(serverMax == null ? 65_535 : serverMax, 64);
        window = new Semaphore(windowSize);
    }

    /** The satellite ids {@code sat-0001 … sat-N}. */
    public static List<String> fleet(int n) {
        return java.util.stream.IntStream.rangeClosed(1, n).mapToObj(i -> String.format("sat-%04d", i)).toList();
    }

    /** Publishes frame {@code seq} of {@code sat} (QoS 1); waits only for room in the window. */
    public void publish(String sat, long seq) throws MqttException, InterruptedException {
        if (failure.get() != null) {
            throw new IllegalStateException("a publish failed", failure.get());
        }
        String t = Instant.parse("2027-06-21T00:00:00Z").plusSeconds(seq).toString();
        byte[] payload = Messages.hk(sat, seq, t, 80.0 - (seq % 400) * 0.1).getBytes(StandardCharsets.UTF_8);
        MqttProperties p = new MqttProperties();
        p.setUserProperties(List.of(new UserProperty("stream", "hk"), new UserProperty("seq", Long.toString(seq))));
        window.acquire();
        client.publish("sunsync/" + sat + "/tm/hk", new MqttMessage(payload, 1, retained, p), null, onAck);
    }

    /** Waits until every publish so far is acknowledged by the broker. */
    public void flush() throws InterruptedException {
        if (!window.tryAcquire(windowSize, 60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("publishes not acknowledged within 60 s");
        }
        window.release(windowSize);
        if (failure.get() != null) {
            throw new IllegalStateException("a publish failed", failure.get());
        }
    }

    /** Frames the broker acknowledged. */
    public long acked() {
        return acked.get();
    }

    @Override
    public void close() throws MqttException, InterruptedException {
        flush();
        client.disconnect().waitForCompletion(10_000);
        client.close();
    }
}
