package io.sunsync.flight.link;

import io.sunsync.flight.cmd.store.DurableFile;
import io.sunsync.flight.link.auth.TelemetryAuthenticator;
import io.sunsync.flight.link.outbox.DropReason;
import io.sunsync.flight.link.outbox.DropReport;
import io.sunsync.flight.link.outbox.MessageProperties;
import io.sunsync.flight.link.outbox.Outbox;
import io.sunsync.flight.link.outbox.OutboxListener;
import io.sunsync.flight.link.outbox.OutboxRecord;
import io.sunsync.flight.link.outbox.OutboxStats;
import io.sunsync.flight.link.outbox.StreamRouting;
import io.sunsync.flight.logging.RateLimitedLog;
import io.sunsync.flight.sched.Lifecycle;
import io.sunsync.hal.time.SystemTimeSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocketFactory;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
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
 * The satellite's MQTT 5 connection, fed by the on-disk {@link Outbox}. {@link #send} only
 * appends to the outbox and returns. One sender thread owns the connection: it connects (clean
 * start off, session expiry &gt; 0, last will = retained {@code offline} presence, TLS and
 * credentials as configured), publishes the retained {@code online} birth message, then drains the
 * outbox in priority order with up to {@code maxInflight} QoS 1 messages awaiting their PUBACK;
 * a message leaves the outbox only when acknowledged. When the connection goes, everything in
 * flight is queued again in order and the sender reconnects with exponential backoff and jitter.
 * Every message carries the MQTT 5 user properties {@code stream} and {@code seq}, so the ground
 * can drop duplicates and see gaps.
 *
 * <p>What the broker sends is bounded: no packet over the Maximum Packet Size, no more than
 * {@link #RECEIVE_MAXIMUM} unacknowledged QoS 1 messages, and no more than
 * {@link #MAX_QUEUED_QOS0} QoS 0 messages (outside the broker's flow control) waiting for the
 * inbound thread; a message beyond these bounds is dropped, counted ({@link Stats#inboundDropped()})
 * and reported ({@link LinkListener#onInboundDropped}), never queued without limit.
 *
 * <p>Threading: {@link #send} and {@link #stats()} are thread safe. Paho callbacks never block:
 * acknowledgements go to the sender thread through a queue, received messages to the link's
 * single inbound thread. Inbound QoS 1 messages are acknowledged to the broker after their
 * handler returns, so a command is not lost if flight dies while handling it (it comes again).
 */
public final class MqttLink implements Downlink, Lifecycle {
    private static final Logger LOG = LoggerFactory.getLogger(MqttLink.class);
    private static final Object WAKE = new Object();
    private static final int CONNECT_TIMEOUT_S = 10;
    /**
     * Largest packet the broker may send us, in bytes, unless {@link #limitInboundPackets} says
     * otherwise: 64 KiB of properties and topic on top of the default command payload limit.
     */
    public static final int DEFAULT_MAX_INBOUND_PACKET_BYTES = 16_384 + 65_536;
    /** QoS 1/2 messages the broker may have outstanding towards us at once (MQTT 5 Receive Maximum). */
    public static final int RECEIVE_MAXIMUM = 64;
    /**
     * QoS 0 messages that may wait for the inbound thread at once; one more is dropped and counted
     * ({@link InboundDrop#QOS0_QUEUE_FULL}). QoS 0 deliveries bypass the broker's flow control.
     */
    public static final int MAX_QUEUED_QOS0 = 64;
    /**
     * The stream of the presence messages on {@code sunsync/{sat}/birth}: connection {@code n}
     * (counted on disk across restarts) is announced {@code online} with {@code seq} 2n, and its
     * {@code offline} (the last will, or the clean stop) has {@code seq} 2n+1.
     */
    public static final String PRESENCE_STREAM = "birth";
    /** Least time between two reports of inbound drops ({@link LinkListener#onInboundDropped}), in ms. */
    static final long INBOUND_DROP_REPORT_MS = 10_000;
    private volatile long inboundDropReportMs = INBOUND_DROP_REPORT_MS;

    private final LinkConfig config;
    private final Topics topics;
    private final String clientId;
    private final Supplier<Map<String, Object>> presence;
    private final Outbox outbox;
    private final Path temporaryOutbox;
    private final SSLSocketFactory socketFactory;
    private final BlockingQueue<Object> signals = new LinkedBlockingQueue<>();
    private final AtomicBoolean wakePending = new AtomicBoolean();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong connects = new AtomicLong();
    private final List<Subscription> subscriptions = new CopyOnWriteArrayList<>();
    // Inbound messages are handled here, one at a time in arrival order, never on Paho's thread. The
    // queue holds what the broker may send unacknowledged (QoS 1) plus the QoS 0 allowance; nothing more.
    private final ThreadPoolExecutor inbound = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(RECEIVE_MAXIMUM + MAX_QUEUED_QOS0), r -> {
                Thread t = new Thread(r, "mqtt-inbound");
                t.setDaemon(true);
                return t;
            });
    private final AtomicInteger queuedQos0 = new AtomicInteger();
    private final AtomicLong inboundReceived = new AtomicLong();
    private final Map<InboundDrop, AtomicLong> inboundDropped = new EnumMap<>(InboundDrop.class);
    private final RateLimitedLog inboundDropLog = RateLimitedLog.warn(LOG);
    // Sender-thread state: inbound drops already reported, and when.
    private final Map<InboundDrop, Long> inboundDropsReported = new EnumMap<>(InboundDrop.class);
    private long inboundDropReportNs;
    // Sender-thread state.
    private final LinkedHashMap<Outbox.Delivery, Long> inflight = new LinkedHashMap<>();
    private long generation;
    private long generationCounter;
    private int window = 1;
    private volatile boolean running;
    private volatile boolean up;
    private volatile MqttAsyncClient client;
    private volatile ConnectFailure lastFailure;
    private final List<LinkListener> listeners = new CopyOnWriteArrayList<>();
    private final LinkListener listener = new Fanout();
    private Thread sender;
    private volatile int maxInboundPacketBytes = DEFAULT_MAX_INBOUND_PACKET_BYTES;
    private volatile TelemetryAuthenticator authenticator;
    // Presence numbering: the connection count, persisted before each CONNECT (sender thread; read at stop).
    private final DurableFile presenceFile;
    private volatile long connection = -1;

    /**
     * A link over {@code outbox}, which it owns from now on (it closes it on {@link #stop()}).
     *
     * @param presence the fields of the birth / will messages besides {@code state}
     *                 (satellite id, software version, mission time)
     */
    public MqttLink(LinkConfig config, Topics topics, String clientId, Supplier<Map<String, Object>> presence,
                    Outbox outbox) {
        this(config, topics, clientId, presence, outbox, null);
    }

    /**
     * A link with an outbox in a fresh temporary folder, deleted on {@link #stop()}: messages
     * survive outages but not a restart. For tests and tools; flight gives it its outbox.
     */
    public MqttLink(LinkConfig config, Topics topics, String clientId, Supplier<Map<String, Object>> presence) {
        this(config, topics, clientId, presence, null, temporaryFolder());
    }

    private MqttLink(LinkConfig config, Topics topics, String clientId, Supplier<Map<String, Object>> presence,
                     Outbox outbox, Path temporaryOutbox) {
        this.config = config;
        this.topics = topics;
        this.clientId = clientId;
        this.presence = presence;
        this.temporaryOutbox = temporaryOutbox;
        this.outbox = outbox != null ? outbox : Outbox.open(config.outbox().resolvedAgainst(temporaryOutbox),
                new SystemTimeSource(), new StreamRouting(topics.under("")));
        this.socketFactory = config.tls() == null ? null : PemSslContext.socketFactory(config.tls());
        this.presenceFile = new DurableFile(this.outbox.config().dir().resolve("presence.json"));
        for (InboundDrop d : InboundDrop.values()) {
            inboundDropped.put(d, new AtomicLong());
            inboundDropsReported.put(d, 0L);
        }
        this.outbox.setListener(new OutboxListener() {
            @Override
            public void onSendable() {
                wake();
            }

            @Override
            public void onDrop(DropReport report) {
                listener.onDrop(report);
            }
        });
    }

    private static Path temporaryFolder() {
        try {
            return Files.createTempDirectory("sunsync-outbox-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary outbox folder", e);
        }
    }

    /** Where connection changes, drops and recovery are reported (replacing any listener). Set before {@link #start()}. */
    public void setListener(LinkListener listener) {
        listeners.clear();
        addListener(listener);
    }

    /** Adds a listener for connection changes, drops and recovery. Set before {@link #start()}. */
    public void addListener(LinkListener listener) {
        if (listener != null) {
            listeners.add(listener);
        }
    }

    /** Calls every listener; one that throws does not keep the others from hearing. */
    private final class Fanout implements LinkListener {
        private void each(Consumer<LinkListener> call) {
            for (LinkListener l : listeners) {
                try {
                    call.accept(l);
                } catch (RuntimeException e) {
                    LOG.error("link: listener {} failed", l, e);
                }
            }
        }

        @Override
        public void onConnected(boolean sessionPresent, int attempts, long outageMs) {
            each(l -> l.onConnected(sessionPresent, attempts, outageMs));
        }

        @Override
        public void onDisconnected(String reason) {
            each(l -> l.onDisconnected(reason));
        }

        @Override
        public void onConnectFailed(ConnectFailure failure, String detail) {
            each(l -> l.onConnectFailed(failure, detail));
        }

        @Override
        public void onSubscriptionRefused(String filter, int reasonCode) {
            each(l -> l.onSubscriptionRefused(filter, reasonCode));
        }

        @Override
        public void onDrop(DropReport report) {
            each(l -> l.onDrop(report));
        }

        @Override
        public void onRecovered(io.sunsync.flight.link.outbox.RecoveryReport report) {
            each(l -> l.onRecovered(report));
        }

        @Override
        public void onInboundDropped(InboundDrop reason, long count, long total) {
            each(l -> l.onInboundDropped(reason, count, total));
        }
    }

    /** The outbox this link drains. */
    public Outbox outbox() {
        return outbox;
    }

    @Override
    public void send(OutboundMessage message) {
        outbox.append(message.topic(), message.qos(), message.retained(), message.payload(), propertiesOf(message));
    }

    private static MessageProperties propertiesOf(OutboundMessage message) {
        if (message.correlationData() == null && message.messageExpiryS() == null) {
            return MessageProperties.NONE;
        }
        return new MessageProperties(message.correlationData(), message.messageExpiryS(), null, null, List.of());
    }

    private void wake() {
        if (wakePending.compareAndSet(false, true)) {
            signals.add(WAKE);
        }
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

    /**
     * Sets the MQTT 5 Maximum Packet Size sent in CONNECT: the broker discards, for this client,
     * any packet larger than {@code bytes} instead of delivering it, so one huge message (a poison
     * message redelivered after every restart through the persistent session) never reaches the
     * heap. Size it from the largest payload a subscriber accepts plus headroom for topic and
     * properties ({@link #maxInboundPacketFor}). Call before {@link #start()}.
     *
     * @param bytes largest inbound packet, in bytes (1,024 .. 268,435,455)
     */
    public void limitInboundPackets(int bytes) {
        if (bytes < 1024 || bytes > 268_435_455) {
            throw new IllegalArgumentException("max inbound packet must be in [1024, 268435455] bytes, was " + bytes);
        }
        maxInboundPacketBytes = bytes;
    }

    /**
     * The Maximum Packet Size for a subscriber that accepts payloads up to {@code maxPayloadBytes}:
     * that plus 64 KiB for the topic and properties (correlation data, response topic, user
     * properties), so a command somewhat over the payload limit still arrives and is refused with
     * a reason (OVERSIZED), while anything far larger is dropped by the broker.
     */
    public static int maxInboundPacketFor(int maxPayloadBytes) {
        return maxPayloadBytes + 65_536;
    }

    /**
     * Signs every message this link publishes (outbox messages, birth and will) with the telemetry
     * keys: user properties {@code kid} and {@code mac} (docs/icd/downlink.md). Without it messages
     * go unsigned. Call before {@link #start()}.
     */
    public void authenticateWith(TelemetryAuthenticator authenticator) {
        this.authenticator = authenticator;
    }

    /** The Maximum Packet Size this link announces, in bytes. */
    public int maxInboundPacketBytes() {
        return maxInboundPacketBytes;
    }

    @Override
    public void start() {
        listener.onRecovered(outbox.recovery());
        running = true;
        sender = new Thread(this::senderLoop, "mqtt-sender");
        sender.setDaemon(true);
        sender.start();
    }

    /**
     * Waits up to {@code timeout} for the outbox to drain (for a clean shutdown).
     *
     * @return true if everything queued was acknowledged
     */
    public boolean flush(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!outbox.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        return outbox.isEmpty();
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
        try {
            inbound.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        MqttAsyncClient c = client;
        client = null;
        up = false;
        if (c != null && c.isConnected()) {
            try {
                // A clean stop says so itself; the last will is for unclean ends.
                c.publish(topics.birth(), presenceMessage("offline", 2 * connection + 1)).waitForCompletion(2_000);
                c.disconnect().waitForCompletion(2_000);
            } catch (MqttException e) {
                LOG.warn("link: clean disconnect failed: {}", e.getMessage());
            }
        }
        discard(c);
        outbox.close();
        if (temporaryOutbox != null) {
            deleteTree(temporaryOutbox);
        }
    }

    /** Counters for housekeeping. */
    public Stats stats() {
        OutboxStats o = outbox.stats();
        return new Stats(up, (int) Math.min(Integer.MAX_VALUE, o.queued()), sent.get(), o.dropped(), connects.get(),
                lastFailure, o.diskBytes(), inboundReceived.get(), inboundDropped());
    }

    private long inboundDropped() {
        long n = 0;
        for (AtomicLong c : inboundDropped.values()) {
            n += c.get();
        }
        return n;
    }

    /** Reports inbound drops at most every {@code ms} instead of every 10 s (tests). */
    void reportInboundDropsEvery(long ms) {
        inboundDropReportMs = ms;
    }

    /** Received messages dropped for {@code reason} since start. */
    public long inboundDropped(InboundDrop reason) {
        return inboundDropped.get(reason).get();
    }

    /** The outbox's counters, per stream (sequence numbers, drops, sent; cumulative across restarts). */
    public OutboxStats outboxStats() {
        return outbox.stats();
    }

    /**
     * Link counters.
     *
     * @param connected   true while connected to the broker
     * @param queued      messages in the outbox not yet acknowledged
     * @param sent        messages acknowledged by the broker since start
     * @param dropped     messages the outbox gave up on (cumulative across restarts; per stream in
     *                    {@link #outboxStats()})
     * @param connects    successful connections since start
     * @param lastFailure why the last connection attempt failed, or null if the last one worked
     * @param outboxBytes disk used by the outbox, in bytes
     * @param inboundReceived messages received from the broker since start
     * @param inboundDropped  of those, dropped before any handler saw them ({@link InboundDrop})
     */
    public record Stats(boolean connected, int queued, long sent, long dropped, long connects,
                        ConnectFailure lastFailure, long outboxBytes, long inboundReceived, long inboundDropped) {
    }

    // ---------------------------------------------------------------- sender thread

    private void senderLoop() {
        long backoffMs = config.reconnectMinMs();
        int attempts = 0;
        long downSinceNs = System.nanoTime();
        boolean everConnected = false;
        ConnectFailure reported = null;
        while (running) {
            try {
                reportInboundDrops();
                if (!up) {
                    attempts++;
                    ConnectResult r = connect();
                    if (r.failure == null) {
                        long outageMs = everConnected ? TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - downSinceNs) : 0;
                        listener.onConnected(r.sessionPresent, attempts, outageMs);
                        everConnected = true;
                        attempts = 0;
                        reported = null;
                        backoffMs = config.reconnectMinMs();
                        continue;
                    }
                    if (r.failure != reported) {
                        listener.onConnectFailed(r.failure, r.detail);
                        reported = r.failure;
                    }
                    long jittered = Math.round(backoffMs * (0.8 + 0.4 * ThreadLocalRandom.current().nextDouble()));
                    Thread.sleep(jittered);
                    backoffMs = Math.min(backoffMs * 2, config.reconnectMaxMs());
                    continue;
                }
                String lost = pump();
                if (lost != null) {
                    connectionLost(lost);
                    downSinceNs = System.nanoTime();
                }
            } catch (InterruptedException e) {
                if (!running) {
                    return;
                }
            } catch (RuntimeException e) {
                LOG.error("link: sender failed, reconnecting", e);
                connectionLost("sender error: " + e);
                downSinceNs = System.nanoTime();
            }
        }
    }

    /**
     * Tells the listeners of inbound drops since the last report: at once for the first, then at
     * most every {@link #INBOUND_DROP_REPORT_MS}, so a flood makes a few reports, each with its count.
     */
    private void reportInboundDrops() {
        inboundDropLog.flush();
        long now = System.nanoTime();
        if (inboundDropReportNs != 0 && now - inboundDropReportNs < TimeUnit.MILLISECONDS.toNanos(inboundDropReportMs)) {
            return;
        }
        boolean reported = false;
        for (InboundDrop reason : InboundDrop.values()) {
            long total = inboundDropped.get(reason).get();
            long before = inboundDropsReported.get(reason);
            if (total > before) {
                inboundDropsReported.put(reason, total);
                listener.onInboundDropped(reason, total - before, total);
                reported = true;
            }
        }
        if (reported) {
            inboundDropReportNs = now;
        }
    }

    /**
     * One round of the connected state: fill the window, then wait for an acknowledgement, new
     * data or a disconnect. Returns why the connection is lost, or null while it is fine.
     */
    private String pump() throws InterruptedException {
        MqttAsyncClient c = client;
        if (c == null || !c.isConnected()) {
            return "connection closed";
        }
        while (inflight.size() < window) {
            Outbox.Delivery d = outbox.next();
            if (d == null) {
                break;
            }
            try {
                publish(c, d);
            } catch (MqttException e) {
                inflight.remove(d);
                if (e.getReasonCode() == org.eclipse.paho.mqttv5.client.MqttClientException.REASON_CODE_MAX_INFLIGHT) {
                    // The client's own limit (the broker's receive maximum): wait for acknowledgements.
                    outbox.release(d);
                    window = Math.max(1, inflight.size());
                    break;
                }
                outbox.release(d);
                return "publish failed: " + e.getMessage();
            }
        }
        if (!inflight.isEmpty()) {
            long oldest = inflight.values().iterator().next();
            if (System.nanoTime() - oldest > TimeUnit.SECONDS.toNanos(config.ackTimeoutS())) {
                return "no PUBACK within " + config.ackTimeoutS() + " s";
            }
        }
        Object signal = signals.poll(inflight.isEmpty() ? 500 : 50, TimeUnit.MILLISECONDS);
        while (signal != null) {
            String lost = handle(signal);
            if (lost != null) {
                return lost;
            }
            signal = signals.poll();
        }
        return null;
    }

    private void publish(MqttAsyncClient c, Outbox.Delivery d) throws MqttException {
        OutboxRecord r = d.record();
        MqttMessage m = new MqttMessage(r.payload());
        m.setQos(r.qos());
        m.setRetained(r.retained());
        MqttProperties p = new MqttProperties();
        List<UserProperty> user = new ArrayList<>();
        for (Map.Entry<String, String> e : d.userProperties()) {
            user.add(new UserProperty(e.getKey(), e.getValue()));
        }
        TelemetryAuthenticator auth = authenticator;
        if (auth != null) {
            // Signed as it is sent: a message sent again after a key rotation carries the new key's MAC.
            TelemetryAuthenticator.Signed sig = auth.sign(r.topic(), r.stream(), r.seq(), r.payload());
            user.add(new UserProperty(TelemetryAuthenticator.KID, Integer.toString(sig.kid())));
            user.add(new UserProperty(TelemetryAuthenticator.MAC, sig.macHex()));
        }
        p.setUserProperties(user);
        if (r.correlationData() != null) {
            p.setCorrelationData(r.correlationData());
        }
        if (d.remainingExpiryS() != null) {
            p.setMessageExpiryInterval(d.remainingExpiryS());
        }
        if (r.responseTopic() != null) {
            p.setResponseTopic(r.responseTopic());
        }
        if (r.contentType() != null) {
            p.setContentType(r.contentType());
        }
        m.setProperties(p);
        long gen = generation;
        inflight.put(d, System.nanoTime());
        c.publish(r.topic(), m, null, new MqttActionListener() {
            @Override
            public void onSuccess(IMqttToken token) {
                signals.add(new Completion(gen, d, token.getReasonCodes(), null));
            }

            @Override
            public void onFailure(IMqttToken token, Throwable failure) {
                signals.add(new Completion(gen, d, null, failure));
            }
        });
    }

    private record Completion(long generation, Outbox.Delivery delivery, int[] reasonCodes, Throwable failure) {
    }

    private record Disconnected(long generation, String reason) {
    }

    private String handle(Object signal) {
        if (signal == WAKE) {
            wakePending.set(false);
            return null;
        }
        if (signal instanceof Disconnected d) {
            return d.generation == generation ? "disconnected: " + d.reason : null;
        }
        if (signal instanceof Completion c) {
            if (c.generation != generation || inflight.remove(c.delivery) == null) {
                return null; // from an earlier connection: the message was queued again
            }
            if (c.failure != null) {
                return "publish failed: " + c.failure.getMessage();
            }
            int refusal = refusal(c.reasonCodes);
            if (refusal >= 0) {
                OutboxRecord r = c.delivery.record();
                LOG.warn("link: broker refused {} #{} on {} with reason 0x{}", r.stream(), r.seq(), r.topic(),
                        Integer.toHexString(refusal));
                outbox.refused(c.delivery, DropReason.REFUSED_BY_BROKER);
            } else {
                outbox.delivered(c.delivery);
                sent.incrementAndGet();
            }
        }
        return null;
    }

    private static int refusal(int[] codes) {
        if (codes != null) {
            for (int code : codes) {
                if (code >= 0x80) {
                    return code;
                }
            }
        }
        return -1;
    }

    private void connectionLost(String reason) {
        boolean wasUp = up;
        up = false;
        generation = ++generationCounter; // acknowledgements still on their way are ignored
        inflight.clear();
        outbox.rewind();
        MqttAsyncClient c = client;
        client = null;
        discard(c);
        if (wasUp) {
            LOG.warn("link: connection lost ({}), reconnecting", reason);
            listener.onDisconnected(reason);
        }
    }

    private record ConnectResult(ConnectFailure failure, String detail, boolean sessionPresent) {
    }

    /**
     * Announces our Maximum Packet Size in CONNECT without telling Paho about it. Paho 1.2.5 swaps
     * the two limits ({@code ClientState.getOutgoingMaximumPacketSize()} returns the incoming one):
     * set through {@link MqttConnectionOptions#setMaximumPacketSize}, our inbound limit would be
     * applied to what we send, and every message over 80 KiB (a result chunk, the dictionary) would
     * fail with "Outgoing packet too large" and drop the connection (seen in the mission
     * rehearsal). The broker enforces the announced limit on what it sends us; it enforces its own
     * on what we send.
     */
    private static final class InboundLimitOptions extends MqttConnectionOptions {
        private final long maxInboundPacketBytes;

        InboundLimitOptions(long maxInboundPacketBytes) {
            this.maxInboundPacketBytes = maxInboundPacketBytes;
        }

        @Override
        public MqttProperties getConnectionProperties() {
            MqttProperties p = super.getConnectionProperties();
            p.setMaximumPacketSize(maxInboundPacketBytes);
            return p;
        }
    }

    private ConnectResult connect() {
        MqttConnectionOptions options = new InboundLimitOptions(maxInboundPacketBytes);
        options.setCleanStart(false);
        options.setSessionExpiryInterval(config.sessionExpiryS());
        options.setAutomaticReconnect(false); // the sender loop owns reconnection
        options.setKeepAliveInterval(config.keepAliveS());
        options.setConnectionTimeout(CONNECT_TIMEOUT_S);
        long n = nextConnection();
        MqttMessage will = presenceMessage("offline", 2 * n + 1);
        options.setWill(topics.birth(), will);
        options.setWillMessageProperties(will.getProperties());
        // Bounds what the outside world can make us hold: no packet over the limit (announced in
        // CONNECT by InboundLimitOptions), no more than RECEIVE_MAXIMUM unacknowledged QoS 1
        // messages (we acknowledge after handling).
        options.setReceiveMaximum(RECEIVE_MAXIMUM);
        if (config.username() != null) {
            options.setUserName(config.username());
        }
        if (config.password() != null) {
            options.setPassword(config.password().getBytes(StandardCharsets.UTF_8));
        }
        if (socketFactory != null) {
            options.setSocketFactory(NoDelaySockets.tls(socketFactory));
            options.setHttpsHostnameVerificationEnabled(config.tls().verifyHostname());
        } else if (config.broker().startsWith("tcp://")) {
            options.setSocketFactory(NoDelaySockets.plain()); // commands and their reports are latency-bound
        }
        long gen = ++generationCounter;
        MqttAsyncClient c;
        try {
            c = new MqttAsyncClient(config.broker(), clientId, new MemoryPersistence());
        } catch (MqttException e) {
            return new ConnectResult(ConnectFailure.REFUSED, "cannot create client: " + e.getMessage(), false);
        }
        c.setCallback(new Callback(c, gen));
        c.setManualAcks(true);
        try {
            IMqttToken connected = c.connect(options);
            connected.waitForCompletion(TimeUnit.SECONDS.toMillis(CONNECT_TIMEOUT_S + 2));
            MqttProperties response = connected.getResponseProperties();
            Integer receiveMaximum = response == null ? null : response.getReceiveMaximum();
            // One place of the broker's receive maximum stays free for the presence messages.
            window = Math.max(1, Math.min(config.maxInflight(), (receiveMaximum == null ? 65_535 : receiveMaximum) - 1));
            generation = gen;
            client = c;
            for (Subscription sub : subscriptions) {
                IMqttToken t = c.subscribe(new MqttSubscription(sub.filter(), sub.qos()));
                t.waitForCompletion(TimeUnit.SECONDS.toMillis(CONNECT_TIMEOUT_S));
                int refusal = refusal(t.getReasonCodes());
                if (refusal >= 0) {
                    LOG.error("link: broker refused subscription to {} with reason 0x{}", sub.filter(),
                            Integer.toHexString(refusal));
                    listener.onSubscriptionRefused(sub.filter(), refusal);
                }
            }
            c.publish(topics.birth(), presenceMessage("online", 2 * n));
            connects.incrementAndGet();
            lastFailure = null;
            up = true;
            LOG.info("link: connected to {} as {} (session {}, window {})", config.broker(), clientId,
                    connected.getSessionPresent() ? "resumed" : "new", window);
            return new ConnectResult(null, null, connected.getSessionPresent());
        } catch (MqttException e) {
            ConnectFailure failure = classify(e);
            lastFailure = failure;
            client = null;
            discard(c);
            String detail = e.getMessage() + (e.getCause() != null ? " (" + e.getCause().getMessage() + ")" : "");
            LOG.warn("link: cannot connect to {}: {} {}", config.broker(), failure, detail);
            return new ConnectResult(failure, detail, false);
        }
    }

    static ConnectFailure classify(MqttException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SSLException) {
                return ConnectFailure.TLS_HANDSHAKE;
            }
            if (t instanceof ConnectException || t instanceof NoRouteToHostException
                    || t instanceof UnknownHostException) {
                return ConnectFailure.UNREACHABLE;
            }
            if (t instanceof SocketTimeoutException) {
                return ConnectFailure.TIMEOUT;
            }
        }
        return switch (e.getReasonCode()) {
            case 0x86, 0x04 -> ConnectFailure.BAD_CREDENTIALS;
            case 0x87, 0x85, 0x8A, 0x05 -> ConnectFailure.NOT_AUTHORIZED;
            case org.eclipse.paho.mqttv5.client.MqttClientException.REASON_CODE_CLIENT_TIMEOUT -> ConnectFailure.TIMEOUT;
            case org.eclipse.paho.mqttv5.client.MqttClientException.REASON_CODE_SERVER_CONNECT_ERROR,
                 org.eclipse.paho.mqttv5.client.MqttClientException.REASON_CODE_CONNECTION_LOST -> ConnectFailure.UNREACHABLE;
            default -> ConnectFailure.REFUSED;
        };
    }

    private static void discard(MqttAsyncClient c) {
        if (c == null) {
            return;
        }
        try {
            if (c.isConnected()) {
                c.disconnectForcibly(0, 1_000, false);
            }
        } catch (MqttException e) {
            LOG.debug("link: forced disconnect failed: {}", e.getMessage());
        }
        try {
            c.close(true);
        } catch (MqttException e) {
            LOG.debug("link: close failed: {}", e.getMessage());
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

    /**
     * A presence message (QoS 1, retained) of stream {@link #PRESENCE_STREAM} with its {@code seq}
     * and, with telemetry authentication, its MAC. The will is made at CONNECT: its MAC shows that
     * flight wrote it then, not that the satellite is gone nor when the broker published it.
     */
    private MqttMessage presenceMessage(String state, long seq) {
        byte[] payload = presencePayload(state);
        MqttMessage m = new MqttMessage(payload);
        m.setQos(1);
        m.setRetained(true);
        List<UserProperty> user = new ArrayList<>();
        user.add(new UserProperty("stream", PRESENCE_STREAM));
        user.add(new UserProperty("seq", Long.toString(seq)));
        TelemetryAuthenticator auth = authenticator;
        if (auth != null) {
            TelemetryAuthenticator.Signed sig = auth.sign(topics.birth(), PRESENCE_STREAM, seq, payload);
            user.add(new UserProperty(TelemetryAuthenticator.KID, Integer.toString(sig.kid())));
            user.add(new UserProperty(TelemetryAuthenticator.MAC, sig.macHex()));
        }
        MqttProperties p = new MqttProperties();
        p.setUserProperties(user);
        m.setProperties(p);
        return m;
    }

    /**
     * Counts one more connection and persists the count before CONNECT, so no two connections,
     * across restarts and crashes, announce presence with the same sequence numbers. A count that
     * cannot be written (a full disk) is used anyway: the ground may then see a number again.
     */
    private long nextConnection() {
        long n = connection;
        if (n < 0) {
            try {
                n = presenceFile.read().map(b -> Long.parseLong(new String(b, StandardCharsets.US_ASCII).trim()))
                        .orElse(-1L);
            } catch (IOException | NumberFormatException e) {
                LOG.warn("link: presence count unreadable ({}); presence numbering starts again", e.getMessage());
                n = -1;
            }
        }
        n++;
        try {
            presenceFile.write(Long.toString(n).getBytes(StandardCharsets.US_ASCII));
        } catch (IOException e) {
            LOG.warn("link: cannot persist the presence count: {}", e.getMessage());
        }
        connection = n;
        return n;
    }

    private byte[] presencePayload(String state) {
        Map<String, Object> fields = new LinkedHashMap<>(presence.get());
        fields.put("state", state);
        return Json.encode(fields);
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // best effort
                }
            });
        } catch (IOException ignored) {
            // best effort
        }
    }

    /** Paho's callbacks for one client: they record and hand off, never block. */
    private final class Callback implements MqttCallback {
        private final MqttAsyncClient owner;
        private final long gen;

        Callback(MqttAsyncClient owner, long gen) {
            this.owner = owner;
            this.gen = gen;
        }

        @Override
        public void disconnected(MqttDisconnectResponse response) {
            signals.add(new Disconnected(gen, String.valueOf(response.getReasonString())));
        }

        @Override
        public void mqttErrorOccurred(MqttException exception) {
            LOG.warn("link: MQTT error: {}", exception.getMessage());
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            // Never block in a Paho callback: copy the message out and hand it to the inbound thread,
            // which acknowledges it to the broker once its handlers are done. What does not fit the
            // bounded queue is dropped and counted here.
            inboundReceived.incrementAndGet();
            int id = message.getId();
            int qos = message.getQos();
            boolean qos0 = qos == 0;
            if (qos0 && queuedQos0.incrementAndGet() > MAX_QUEUED_QOS0) {
                queuedQos0.decrementAndGet();
                dropInbound(InboundDrop.QOS0_QUEUE_FULL, topic);
                return;
            }
            InboundMessage copy = copyOf(topic, message);
            List<Subscription> matching = new ArrayList<>(1);
            for (Subscription sub : subscriptions) {
                if (MqttTopicMatch.matches(sub.filter(), topic)) {
                    matching.add(sub);
                }
            }
            try {
                inbound.execute(() -> {
                    if (qos0) {
                        queuedQos0.decrementAndGet();
                    }
                    for (Subscription sub : matching) {
                        try {
                            sub.handler().accept(copy);
                        } catch (RuntimeException e) {
                            LOG.error("link: handler for {} failed on {}", sub.filter(), topic, e);
                        }
                    }
                    acknowledge(id, qos);
                });
            } catch (RejectedExecutionException full) {
                if (qos0) {
                    queuedQos0.decrementAndGet();
                }
                if (inbound.isShutdown()) {
                    LOG.debug("link: stopping, {} left for redelivery", topic);
                } else {
                    // Not acknowledged: the broker sends it again after the next connect.
                    dropInbound(InboundDrop.QUEUE_FULL, topic);
                }
            }
        }

        private void dropInbound(InboundDrop reason, String topic) {
            long n = inboundDropped.get(reason).incrementAndGet();
            inboundDropLog.log(reason.name(), "link: received message on {} dropped ({}, {} so far)", topic, reason, n);
        }

        private void acknowledge(int id, int qos) {
            if (qos == 0) {
                return;
            }
            try {
                owner.messageArrivedComplete(id, qos);
            } catch (MqttException | RuntimeException e) {
                // The connection went meanwhile: the broker sends it again on the next session.
                LOG.debug("link: cannot acknowledge message {}: {}", id, e.getMessage());
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
