package io.sunsync.flight.link;

import io.sunsync.flight.link.auth.TelemetryAuthenticator;
import io.sunsync.flight.link.outbox.DropReason;
import io.sunsync.flight.link.outbox.DropReport;
import io.sunsync.flight.link.outbox.MessageProperties;
import io.sunsync.flight.link.outbox.Outbox;
import io.sunsync.flight.link.outbox.OutboxListener;
import io.sunsync.flight.link.outbox.OutboxRecord;
import io.sunsync.flight.link.outbox.OutboxStats;
import io.sunsync.flight.link.outbox.StreamRouting;
import io.sunsync.flight.lifecycle.AbstractLifecycle;
import io.sunsync.hal.files.FileTrees;
import io.sunsync.hal.time.SystemTimeSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;
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
 * <p>Parts: {@link InboundDispatcher} (subscriptions, the inbound thread and its bounds),
 * {@link PahoConnections} (CONNECT options, failure classification), {@link PahoMessages}
 * (messages to and from Paho, signing), {@link PresenceCounter} (presence numbering) and
 * {@link ListenerFanout}; the sender thread (connect, pump, acknowledgements) is here.
 *
 * <p>Threading: {@link #send} and {@link #stats()} are thread safe. Paho callbacks never block:
 * acknowledgements go to the sender thread through a queue, received messages to the link's
 * single inbound thread. Inbound QoS 1 messages are acknowledged to the broker after their
 * handler returns, so a command is not lost if flight dies while handling it (it comes again).
 */
public final class MqttLink extends AbstractLifecycle implements Downlink {
    private static final Logger LOG = LoggerFactory.getLogger(MqttLink.class);
    private static final Object WAKE = new Object();
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
    private final InboundDispatcher inbound = new InboundDispatcher();
    // Sender-thread state.
    private final LinkedHashMap<Outbox.Delivery, Long> inflight = new LinkedHashMap<>();
    private long generation;
    private long generationCounter;
    private int window = 1;
    private volatile boolean running;
    private volatile boolean up;
    private volatile MqttAsyncClient client;
    private volatile ConnectFailure lastFailure;
    private volatile Duration flushOnStop = Duration.ZERO;
    private final List<LinkListener> listeners = new CopyOnWriteArrayList<>();
    private final LinkListener listener = new ListenerFanout(listeners);
    private Thread sender;
    private volatile int maxInboundPacketBytes = DEFAULT_MAX_INBOUND_PACKET_BYTES;
    private volatile TelemetryAuthenticator authenticator;
    // Presence numbering: the connection count, persisted before each CONNECT (sender thread; read at stop).
    private final PresenceCounter presenceCount;

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
        this.presenceCount = new PresenceCounter(this.outbox.config().dir().resolve("presence.json"));
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

    /**
     * Subscribes {@code handler} to {@code filter} (re-subscribed after every connect). The
     * handler runs on the link's single inbound thread, in arrival order; it may block briefly
     * but must not wait on the link itself. Call before {@link #start()}.
     */
    public void subscribe(String filter, int qos, Consumer<InboundMessage> handler) {
        inbound.subscribe(filter, qos, handler);
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
    protected void doStart() {
        listener.onRecovered(outbox.recovery());
        running = true;
        sender = new Thread(this::senderLoop, "mqtt-sender");
        sender.setDaemon(true);
        sender.start();
    }

    /**
     * Makes {@link #stop()} of a started link first wait up to {@code timeout} for the outbox to
     * drain (what is still queued then stays in the outbox for the next start). Zero, the default:
     * stop at once. Call before {@link #stop()}.
     */
    public void flushOnStop(Duration timeout) {
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("flush timeout must be >= 0, was " + timeout);
        }
        this.flushOnStop = timeout;
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

    /** Unhealthy while not connected to the broker (the sender keeps reconnecting with backoff meanwhile). */
    @Override
    protected Health checkHealth() {
        if (up) {
            return Health.healthy("connected");
        }
        ConnectFailure f = lastFailure;
        return Health.unhealthy(f == null ? "connecting" : "not connected: " + f);
    }

    @Override
    protected void doStop() {
        if (sender != null && !flushOnStop.isZero()) {
            try {
                if (!flush(flushOnStop)) {
                    LOG.warn("link: {} messages still queued at shutdown", stats().queued());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
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
        client = null;
        up = false;
        if (c != null && c.isConnected()) {
            try {
                // A clean stop says so itself; the last will is for unclean ends.
                c.publish(topics.birth(), presenceMessage("offline", 2 * presenceCount.current() + 1)).waitForCompletion(2_000);
                c.disconnect().waitForCompletion(2_000);
            } catch (MqttException e) {
                LOG.warn("link: clean disconnect failed: {}", e.getMessage());
            }
        }
        PahoConnections.discard(c);
        outbox.close();
        if (temporaryOutbox != null) {
            deleteTree(temporaryOutbox);
        }
    }

    /** Counters for housekeeping. */
    public Stats stats() {
        OutboxStats o = outbox.stats();
        return new Stats(up, (int) Math.min(Integer.MAX_VALUE, o.queued()), sent.get(), o.dropped(), connects.get(),
                lastFailure, o.diskBytes(), inbound.received(), inbound.dropped());
    }

    /** Lets only {@code messages} QoS 1 messages wait for the handlers (tests: a broker that overruns the window). */
    void inboundQos1Allowance(int messages) {
        inbound.qos1Allowance(messages);
    }

    /** Reports inbound drops at most every {@code ms} instead of every 10 s (tests). */
    void reportInboundDropsEvery(long ms) {
        inbound.reportEvery(ms);
    }

    /** Received messages dropped for {@code reason} since start. */
    public long inboundDropped(InboundDrop reason) {
        return inbound.dropped(reason);
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
                inbound.reportDrops(listener);
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
        MqttMessage m = PahoMessages.outbound(d, authenticator);
        long gen = generation;
        inflight.put(d, System.nanoTime());
        c.publish(d.record().topic(), m, null, new MqttActionListener() {
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

    /** The broker sent more unacknowledged QoS 1 messages than the Receive Maximum on connection {@code generation}. */
    private record Overrun(long generation) {
    }

    private String handle(Object signal) {
        if (signal == WAKE) {
            wakePending.set(false);
            return null;
        }
        if (signal instanceof Disconnected d) {
            return d.generation == generation ? "disconnected: " + d.reason : null;
        }
        if (signal instanceof Overrun o) {
            // What it sent beyond the window stays unacknowledged until a new connection makes it send it again.
            return o.generation == generation ? "the broker sent more than " + RECEIVE_MAXIMUM
                    + " unacknowledged messages (Receive Maximum); connecting again so that it resends them" : null;
        }
        if (signal instanceof Completion c) {
            if (c.generation != generation || inflight.remove(c.delivery) == null) {
                return null; // from an earlier connection: the message was queued again
            }
            if (c.failure != null) {
                return "publish failed: " + c.failure.getMessage();
            }
            int refusal = PahoMessages.refusal(c.reasonCodes);
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

    private void connectionLost(String reason) {
        boolean wasUp = up;
        up = false;
        generation = ++generationCounter; // acknowledgements still on their way are ignored
        inflight.clear();
        outbox.rewind();
        MqttAsyncClient c = client;
        client = null;
        PahoConnections.discard(c);
        if (wasUp) {
            LOG.warn("link: connection lost ({}), reconnecting", reason);
            listener.onDisconnected(reason);
        }
    }

    private record ConnectResult(ConnectFailure failure, String detail, boolean sessionPresent) {
    }

    private ConnectResult connect() {
        long n = presenceCount.next();
        MqttConnectionOptions options = PahoConnections.options(config, topics.birth(), presenceMessage("offline", 2 * n + 1),
                maxInboundPacketBytes, socketFactory);
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
            connected.waitForCompletion(TimeUnit.SECONDS.toMillis(PahoConnections.CONNECT_TIMEOUT_S + 2));
            MqttProperties response = connected.getResponseProperties();
            Integer receiveMaximum = response == null ? null : response.getReceiveMaximum();
            // One place of the broker's receive maximum stays free for the presence messages.
            window = Math.max(1, Math.min(config.maxInflight(), (receiveMaximum == null ? 65_535 : receiveMaximum) - 1));
            generation = gen;
            client = c;
            for (InboundDispatcher.Subscription sub : inbound.subscriptions()) {
                IMqttToken t = c.subscribe(new MqttSubscription(sub.filter(), sub.qos()));
                t.waitForCompletion(TimeUnit.SECONDS.toMillis(PahoConnections.CONNECT_TIMEOUT_S));
                int refusal = PahoMessages.refusal(t.getReasonCodes());
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
            ConnectFailure failure = PahoConnections.classify(e);
            lastFailure = failure;
            client = null;
            PahoConnections.discard(c);
            String detail = e.getMessage() + (e.getCause() != null ? " (" + e.getCause().getMessage() + ")" : "");
            LOG.warn("link: cannot connect to {}: {} {}", config.broker(), failure, detail);
            return new ConnectResult(failure, detail, false);
        }
    }

    /**
     * A presence message (QoS 1, retained) of stream {@link #PRESENCE_STREAM} with its {@code seq}
     * and, with telemetry authentication, its MAC. The will is made at CONNECT: its MAC shows that
     * flight wrote it then, not that the satellite is gone nor when the broker published it.
     */
    private MqttMessage presenceMessage(String state, long seq) {
        return PahoMessages.presence(topics.birth(), PRESENCE_STREAM, seq, presencePayload(state), authenticator);
    }

    private byte[] presencePayload(String state) {
        Map<String, Object> fields = new LinkedHashMap<>(presence.get());
        fields.put("state", state);
        return Json.encode(fields);
    }

    private static void deleteTree(Path root) {
        try {
            FileTrees.deleteTree(root);
        } catch (IOException e) {
            LOG.debug("link: temporary outbox {} not fully deleted: {}", root, e.getMessage());
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
            // Never block in a Paho callback: the dispatcher copies the message out and hands it on.
            if (inbound.arrived(owner, topic, message)) {
                signals.add(new Overrun(gen));
            }
        }

        @Override
        public void deliveryComplete(IMqttToken token) {
            // acknowledgements come through each publish's action listener
        }

        @Override
        public void connectComplete(boolean reconnect, String serverUri) {
            // the sender loop connects and knows when it did
        }

        @Override
        public void authPacketArrived(int reasonCode, MqttProperties properties) {
            // no enhanced authentication
        }
    }
}
