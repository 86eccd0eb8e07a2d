package io.sunsync.flight.link;

import io.sunsync.flight.sched.Lifecycle;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.eclipse.paho.mqttv5.common.packet.UserProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The satellite's MQTT 5 connection. One sender thread owns the connection: it connects (clean
 * start off, session expiry &gt; 0, last will = retained {@code offline} presence), publishes the
 * retained {@code online} birth message after every connect, then drains the outgoing queue in
 * order, waiting for each QoS 1 acknowledgement before taking the next, and reconnects with
 * backoff when the broker goes away. Callers of {@link #send(OutboundMessage)} never block.
 *
 * <p>Threading: {@link #send} is thread safe; Paho callbacks only record state (never block).
 */
public final class MqttLink implements Downlink, Lifecycle {
    private static final Logger LOG = LoggerFactory.getLogger(MqttLink.class);
    private static final Duration ACK_TIMEOUT = Duration.ofSeconds(10);

    private final LinkConfig config;
    private final Topics topics;
    private final String clientId;
    private final Supplier<Map<String, Object>> presence;
    private final BlockingDeque<OutboundMessage> queue = new LinkedBlockingDeque<>();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong connects = new AtomicLong();
    private final List<Subscription> subscriptions = new CopyOnWriteArrayList<>();
    // Inbound messages are handled here, one at a time in arrival order, never on Paho's thread.
    private final ExecutorService inbound = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "mqtt-inbound");
        t.setDaemon(true);
        return t;
    });
    private volatile boolean running;
    private volatile MqttAsyncClient client;
    private Thread sender;

    /**
     * @param presence the fields of the birth / will messages besides {@code state}
     *                 (satellite id, software version, mission time)
     */
    public MqttLink(LinkConfig config, Topics topics, String clientId, Supplier<Map<String, Object>> presence) {
        this.config = config;
        this.topics = topics;
        this.clientId = clientId;
        this.presence = presence;
    }

    @Override
    public void send(OutboundMessage message) {
        if (queue.size() >= config.queueLimit()) {
            // Bounded memory: the oldest goes first, and the loss is counted and reported.
            if (queue.pollFirst() != null) {
                dropped.incrementAndGet();
            }
        }
        queue.offerLast(message);
    }

    private record Subscription(String filter, int qos, Consumer<InboundMessage> handler) {
    }

    /**
     * Subscribes {@code handler} to {@code filter} (re-subscribed after every connect). The
     * handler runs on the link's single inbound thread, in arrival order; it may block briefly
     * but must not wait on the link itself. Call before {@link #start()}.
     */
    public void subscribe(String filter, int qos, Consumer<InboundMessage> handler) {
        subscriptions.add(new Subscription(filter, qos, handler));
    }

    @Override
    public void start() {
        try {
            client = new MqttAsyncClient(config.broker(), clientId, new MemoryPersistence());
        } catch (MqttException e) {
            throw new IllegalStateException("cannot create MQTT client for " + config.broker(), e);
        }
        client.setCallback(new Callback());
        running = true;
        sender = new Thread(this::senderLoop, "mqtt-sender");
        sender.setDaemon(true);
        sender.start();
    }

    /**
     * Waits up to {@code timeout} for the queue to drain (for a clean shutdown).
     *
     * @return true if everything queued was acknowledged
     */
    public boolean flush(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!queue.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        return queue.isEmpty();
    }

    @Override
    public void stop() {
        running = false;
        if (sender != null) {
            sender.interrupt();
            try {
                sender.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        inbound.shutdown();
        MqttAsyncClient c = client;
        if (c != null && c.isConnected()) {
            try {
                // A clean stop says so itself; the last will is for unclean ends.
                c.publish(topics.birth(), presencePayload("offline"), 1, true).waitForCompletion(2_000);
                c.disconnect().waitForCompletion(2_000);
            } catch (MqttException e) {
                LOG.warn("link: clean disconnect failed: {}", e.getMessage());
            }
        }
        if (c != null) {
            try {
                c.close(true);
            } catch (MqttException e) {
                LOG.debug("link: close failed", e);
            }
        }
    }

    /** Counters for housekeeping. */
    public Stats stats() {
        MqttAsyncClient c = client;
        return new Stats(c != null && c.isConnected(), queue.size(), sent.get(), dropped.get(), connects.get());
    }

    /**
     * Link counters.
     *
     * @param connected true while connected to the broker
     * @param queued    messages waiting to be sent
     * @param sent      messages acknowledged by the broker
     * @param dropped   messages dropped because the queue was full
     * @param connects  successful connections since start
     */
    public record Stats(boolean connected, int queued, long sent, long dropped, long connects) {
    }

    private void senderLoop() {
        long backoffMs = 250;
        while (running) {
            try {
                if (!client.isConnected()) {
                    if (connect()) {
                        backoffMs = 250;
                    } else {
                        Thread.sleep(backoffMs);
                        backoffMs = Math.min(backoffMs * 2, 10_000);
                    }
                    continue;
                }
                OutboundMessage next = queue.pollFirst(200, TimeUnit.MILLISECONDS);
                if (next == null) {
                    continue;
                }
                try {
                    client.publish(next.topic(), toMqtt(next)).waitForCompletion(ACK_TIMEOUT.toMillis());
                    sent.incrementAndGet();
                } catch (MqttException e) {
                    // Not acknowledged: put it back at the head so order is kept, then reconnect.
                    queue.offerFirst(next);
                    LOG.warn("link: publish to {} failed ({}), will retry", next.topic(), e.getMessage());
                    Thread.sleep(backoffMs);
                }
            } catch (InterruptedException e) {
                if (!running) {
                    return;
                }
            }
        }
    }

    private boolean connect() {
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(false);
        options.setSessionExpiryInterval(config.sessionExpiryS());
        options.setAutomaticReconnect(false); // the sender loop owns reconnection
        options.setKeepAliveInterval(10);
        options.setConnectionTimeout(5);
        options.setWill(topics.birth(), willMessage());
        if (config.username() != null) {
            options.setUserName(config.username());
        }
        if (config.password() != null) {
            options.setPassword(config.password().getBytes(StandardCharsets.UTF_8));
        }
        try {
            IMqttToken connected = client.connect(options);
            connected.waitForCompletion(10_000);
            connects.incrementAndGet();
            if (!subscriptions.isEmpty() && !connected.getSessionPresent()) {
                // A new session: subscribe. With a present session the broker kept them (and
                // queued what arrived meanwhile), but subscribing again is harmless.
                LOG.info("link: new session, subscribing {} filters", subscriptions.size());
            }
            for (Subscription sub : subscriptions) {
                client.subscribe(new MqttSubscription(sub.filter(), sub.qos())).waitForCompletion(10_000);
            }
            client.publish(topics.birth(), presencePayload("online"), 1, true);
            LOG.info("link: connected to {} as {}", config.broker(), clientId);
            return true;
        } catch (MqttException e) {
            LOG.warn("link: cannot connect to {}: {}", config.broker(), e.getMessage());
            return false;
        }
    }

    private static InboundMessage copyOf(String topic, MqttMessage m) {
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

    private static MqttMessage toMqtt(OutboundMessage m) {
        MqttMessage message = new MqttMessage(m.payload());
        message.setQos(m.qos());
        message.setRetained(m.retained());
        if (m.correlationData() != null || m.messageExpiryS() != null) {
            MqttProperties properties = new MqttProperties();
            properties.setCorrelationData(m.correlationData());
            properties.setMessageExpiryInterval(m.messageExpiryS());
            message.setProperties(properties);
        }
        return message;
    }

    private MqttMessage willMessage() {
        MqttMessage will = new MqttMessage(presencePayload("offline"));
        will.setQos(1);
        will.setRetained(true);
        return will;
    }

    private byte[] presencePayload(String state) {
        Map<String, Object> fields = new LinkedHashMap<>(presence.get());
        fields.put("state", state);
        return Json.encode(fields);
    }

    private final class Callback implements MqttCallback {
        @Override
        public void disconnected(MqttDisconnectResponse response) {
            LOG.warn("link: disconnected: {}", response.getReasonString());
        }

        @Override
        public void mqttErrorOccurred(MqttException exception) {
            LOG.warn("link: MQTT error: {}", exception.getMessage());
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            // Never block in a Paho callback: copy the message out and hand it to the inbound thread.
            InboundMessage copy = copyOf(topic, message);
            for (Subscription sub : subscriptions) {
                if (MqttTopicMatch.matches(sub.filter(), topic)) {
                    inbound.execute(() -> {
                        try {
                            sub.handler().accept(copy);
                        } catch (RuntimeException e) {
                            LOG.error("link: handler for {} failed on {}", sub.filter(), topic, e);
                        }
                    });
                }
            }
        }

        @Override
        public void deliveryComplete(IMqttToken token) {
        }

        @Override
        public void connectComplete(boolean reconnect, String serverUri) {
        }

        @Override
        public void authPacketArrived(int reasonCode, MqttProperties properties) {
        }
    }
}
