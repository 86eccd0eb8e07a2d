package io.sunsync.testkit.mqtt;

import io.sunsync.testkit.Broker;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Predicate;
import javax.net.SocketFactory;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClientException;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/**
 * The one MQTT 5 client of tests, benchmarks and campaigns: connects to a broker with the options a
 * test names ({@link #to(Broker)}), publishes with QoS, retain and MQTT 5 properties, subscribes,
 * keeps every message it receives in arrival order and waits for them with Awaitility
 * ({@link #awaitMessage}, {@link #awaitCount}, {@link #assertNothingArrives}). A timed-out wait is
 * an {@link AssertionError} that says what did arrive.
 *
 * <p>Paho's callback thread only records a message and hands it to the {@link Options#onMessage}
 * listener; nothing else runs there (Paho issues #117, #310, #985, #999 are deadlocks from blocking
 * inside it). A client that receives a great many messages (a benchmark, a long campaign) keeps none
 * ({@link Options#keepMessages}) and does its accounting in the listener.
 *
 * <p>Threading: every method may be called from any thread. The listener runs on Paho's callback
 * thread, one message at a time in arrival order; it must be quick and must not call back into this
 * client's blocking methods.
 */
public final class TestMqttClient implements AutoCloseable {
    private static final Duration POLL = Duration.ofMillis(10);
    /** How much longer than its window {@link #assertNothingArrives} may take to report that something arrived. */
    private static final Duration NOTHING_GRACE = Duration.ofSeconds(1);

    private final MqttAsyncClient client;
    private final Options options;
    private final Queue<Message> kept = new ConcurrentLinkedQueue<>();
    private final AtomicLong received = new AtomicLong();
    /** Why the connection was last lost, for failure messages; "" while it never was. */
    private volatile String lost = "";

    /** The options for a client of {@code broker}. */
    public static Options to(Broker broker) {
        return new Options(broker.url());
    }

    /** The options for a client of the broker at {@code url} ({@code tcp://…}, {@code ssl://…}). */
    public static Options to(String url) {
        return new Options(url);
    }

    /** A client of {@code broker} with the default options: a clean session that keeps what it receives. */
    public static TestMqttClient connect(Broker broker) throws MqttException {
        return to(broker).connect();
    }

    /**
     * How to connect. Defaults: a random client id ({@code test-xxxxxxxx}), clean start, no session
     * expiry, no credentials, plain TCP, Paho's own packet size and receive maximum, no automatic
     * reconnect, 10 s for connecting, subscribing and each publish, every message kept. Not thread safe;
     * {@link #connect()} copies nothing, so do not change options after connecting.
     */
    public static final class Options {
        private final String url;
        private String clientId = "test-" + UUID.randomUUID().toString().substring(0, 8);
        private boolean cleanStart = true;
        private long sessionExpiryS;
        private String username;
        private byte[] password;
        private SocketFactory socketFactory;
        private Long maximumPacketSizeBytes;
        private Integer receiveMaximum;
        private int reconnectMinS;
        private int reconnectMaxS;
        private Duration timeout = Duration.ofSeconds(10);
        private boolean keepMessages = true;
        private Consumer<Message> listener = m -> { };

        private Options(String url) {
            this.url = url;
        }

        /** The client id; a persistent session is found again by it. */
        public Options clientId(String id) {
            this.clientId = id;
            return this;
        }

        /** Clean start on ({@code true}, the default) or off (resume the session the broker kept). */
        public Options cleanStart(boolean on) {
            this.cleanStart = on;
            return this;
        }

        /** How long the broker keeps the session after a disconnect, in s (0, the default: not at all). */
        public Options sessionExpiryS(long seconds) {
            if (seconds < 0) {
                throw new IllegalArgumentException("sessionExpiryS must be at least 0, not " + seconds);
            }
            this.sessionExpiryS = seconds;
            return this;
        }

        /**
         * A session the broker keeps, with what is queued for it, while the client is away: clean start
         * off and {@code expiryS} of session expiry.
         */
        public Options persistentSession(long expiryS) {
            return cleanStart(false).sessionExpiryS(expiryS);
        }

        /** The username and password to connect with. */
        public Options credentials(String user, String pass) {
            this.username = user;
            this.password = pass.getBytes(StandardCharsets.UTF_8);
            return this;
        }

        /**
         * The socket factory to connect through: an {@code SSLSocketFactory} for TLS (with an
         * {@code ssl://} URL), or a factory that sets socket options.
         */
        public Options socketFactory(SocketFactory factory) {
            this.socketFactory = factory;
            return this;
        }

        /** The MQTT 5 Maximum Packet Size to announce, in bytes: the broker sends this client nothing larger. */
        public Options maximumPacketSizeBytes(long bytes) {
            this.maximumPacketSizeBytes = bytes;
            return this;
        }

        /** The MQTT 5 Receive Maximum to announce: how many QoS 1 and 2 messages may be unacknowledged at once. */
        public Options receiveMaximum(int messages) {
            this.receiveMaximum = messages;
            return this;
        }

        /** Reconnects by itself when the connection is lost, after {@code minS} growing to {@code maxS} seconds. */
        public Options automaticReconnect(int minS, int maxS) {
            if (minS < 1 || maxS < minS) {
                throw new IllegalArgumentException("reconnect delays must satisfy 1 <= min <= max, not " + minS + ", " + maxS);
            }
            this.reconnectMinS = minS;
            this.reconnectMaxS = maxS;
            return this;
        }

        /** How long connecting, subscribing and each publish may take (default 10 s). */
        public Options timeout(Duration d) {
            this.timeout = d;
            return this;
        }

        /** Whether to keep received messages for {@link #messages()} and the waits (default true). */
        public Options keepMessages(boolean keep) {
            this.keepMessages = keep;
            return this;
        }

        /** Called with every message as it arrives, on Paho's thread (quick, never blocking). */
        public Options onMessage(Consumer<Message> l) {
            this.listener = l;
            return this;
        }

        /** Connects with these options. */
        public TestMqttClient connect() throws MqttException {
            return new TestMqttClient(this);
        }

        private MqttConnectionOptions paho() {
            MqttConnectionOptions o = new MqttConnectionOptions();
            o.setCleanStart(cleanStart);
            o.setSessionExpiryInterval(sessionExpiryS);
            if (reconnectMinS > 0) {
                o.setAutomaticReconnect(true);
                o.setAutomaticReconnectDelay(reconnectMinS, reconnectMaxS);
            }
            if (username != null) {
                o.setUserName(username);
                o.setPassword(password);
            }
            if (socketFactory != null) {
                o.setSocketFactory(socketFactory);
            }
            if (maximumPacketSizeBytes != null) {
                o.setMaximumPacketSize(maximumPacketSizeBytes);
            }
            if (receiveMaximum != null) {
                o.setReceiveMaximum(receiveMaximum);
            }
            return o;
        }
    }

    private TestMqttClient(Options options) throws MqttException {
        this.options = options;
        client = new MqttAsyncClient(options.url, options.clientId, new MemoryPersistence());
        client.setCallback(new Recorder());
        try {
            client.connect(options.paho()).waitForCompletion(options.timeout.toMillis());
        } catch (MqttException e) {
            close();
            throw e;
        }
    }

    /**
     * Records what Paho delivers, and why the connection was lost (for the failure message of a wait
     * that found nothing); authentication exchanges and delivery notices are not a test's business.
     */
    private final class Recorder implements MqttCallback {
        @Override
        public void messageArrived(String topic, MqttMessage m) {
            Message message = Message.of(topic, m);
            received.incrementAndGet();
            if (options.keepMessages) {
                kept.add(message);
            }
            options.listener.accept(message);
        }

        @Override
        public void disconnected(MqttDisconnectResponse response) {
            lost = "connection lost (reason code " + response.getReturnCode() + ": " + response.getReasonString()
                    + (response.getException() == null ? "" : ", " + response.getException().getMessage()) + ")";
        }

        @Override
        public void mqttErrorOccurred(MqttException e) {
            lost = "protocol error " + e.getReasonCode() + ": " + e.getMessage();
        }

        @Override
        public void connectComplete(boolean reconnect, String serverUri) {
            if (reconnect) {
                lost += ", then connected again";
            }
        }

        @Override
        public void deliveryComplete(IMqttToken token) {
        }

        @Override
        public void authPacketArrived(int reasonCode, MqttProperties properties) {
        }
    }

    // ------------------------------------------------------------------ subscribing and publishing

    /** Subscribes to topic filters at QoS 1 and returns the broker's SUBACK reason codes, one per filter. */
    public int[] subscribe(String... filters) throws MqttException {
        return subscribe(1, filters);
    }

    /** Subscribes to topic filters at {@code qos} and returns the broker's SUBACK reason codes, one per filter. */
    public int[] subscribe(int qos, String... filters) throws MqttException {
        MqttSubscription[] subs = new MqttSubscription[filters.length];
        for (int i = 0; i < filters.length; i++) {
            subs[i] = new MqttSubscription(filters[i], qos);
        }
        IMqttToken token = client.subscribe(subs);
        token.waitForCompletion(options.timeout.toMillis());
        return token.getReasonCodes();
    }

    /** Publishes at QoS 1, not retained, and waits for the broker's PUBACK; returns its reason code. */
    public int publish(String topic, byte[] payload) throws MqttException {
        return publish(topic, payload, 1, false, PublishProperties.NONE);
    }

    /** Publishes and waits until it is sent (QoS 0) or acknowledged; returns the reason code (0: success). */
    public int publish(String topic, byte[] payload, int qos, boolean retained) throws MqttException {
        return publish(topic, payload, qos, retained, PublishProperties.NONE);
    }

    /**
     * Publishes with MQTT 5 properties and waits until it is sent (QoS 0) or acknowledged; returns the
     * PUBACK reason code (0: success; 0x87: not authorised, 0x10: no one subscribed), 0 for QoS 0.
     */
    public int publish(String topic, byte[] payload, int qos, boolean retained, PublishProperties properties)
            throws MqttException {
        IMqttToken token = publishAsync(topic, payload, qos, retained, properties);
        token.waitForCompletion(options.timeout.toMillis());
        int[] codes = token.getReasonCodes();
        return codes == null || codes.length == 0 ? 0 : codes[0];
    }

    /**
     * Publishes without waiting for the acknowledgement (pipelining): the caller waits on the token.
     * Paho refuses a publish while its own in-flight window is full (its count lags the
     * acknowledgements it has already delivered); such a publish is tried again for up to the timeout.
     */
    public IMqttToken publishAsync(String topic, byte[] payload, int qos, boolean retained, PublishProperties properties)
            throws MqttException {
        MqttMessage m = new MqttMessage(payload, qos, retained, properties.toPaho());
        long deadline = System.nanoTime() + options.timeout.toNanos();
        while (true) {
            try {
                return client.publish(topic, m);
            } catch (MqttException e) {
                if (e.getReasonCode() != MqttClientException.REASON_CODE_MAX_INFLIGHT || System.nanoTime() > deadline) {
                    throw e;
                }
                backOff(e);
            }
        }
    }

    private static void backOff(MqttException cause) throws MqttException {
        try {
            TimeUnit.MILLISECONDS.sleep(1); // a retry's back-off while Paho catches up, not a wait for an event
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
            throw cause;
        }
    }

    // ------------------------------------------------------------------ what arrived

    /** Every message kept so far, in arrival order. */
    public List<Message> messages() {
        return List.copyOf(kept);
    }

    /** The messages kept so far that match {@code what}, in arrival order. */
    public List<Message> messages(Predicate<Message> what) {
        return matching(what, Integer.MAX_VALUE);
    }

    /** Forgets the messages kept so far (the count of {@link #received()} stays). */
    public void clear() {
        kept.clear();
    }

    /** Messages received since connecting, kept or not. */
    public long received() {
        return received.get();
    }

    /**
     * Waits up to {@code timeout} until a kept message matches {@code what} (one that arrived before
     * the call counts) and returns the first that does.
     *
     * @throws AssertionError if none arrived in time
     */
    public Message awaitMessage(Predicate<Message> what, Duration timeout) {
        return awaitCount(what, 1, timeout).get(0);
    }

    /**
     * Waits up to {@code timeout} until {@code count} kept messages match {@code what} and returns the
     * first {@code count} of them, in arrival order.
     *
     * @throws AssertionError if fewer arrived in time
     */
    public List<Message> awaitCount(Predicate<Message> what, int count, Duration timeout) {
        requireKept();
        try {
            return Awaitility.await().atMost(timeout).pollDelay(Duration.ZERO).pollInterval(POLL)
                    .until(() -> matching(what, count), found -> found.size() >= count);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("after " + timeout + " " + matching(what, count).size() + " of " + count
                    + " matching messages had arrived at " + options.clientId + "; " + summary(), e);
        }
    }

    /**
     * Asserts that no kept message matches {@code what} throughout {@code window} (one that arrived
     * before the call counts), with Awaitility's {@code during}.
     *
     * @throws AssertionError naming what matched
     */
    public void assertNothingArrives(Predicate<Message> what, Duration window) {
        requireKept();
        try {
            Awaitility.await().during(window).atMost(window.plus(NOTHING_GRACE)).pollInterval(POLL)
                    .until(() -> matching(what, 1).isEmpty());
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("a message that should not have arrived at " + options.clientId + " did: "
                    + matching(what, 1).get(0).describe(), e);
        }
    }

    /** Asserts that no message at all is kept throughout {@code window}. */
    public void assertNothingArrives(Duration window) {
        assertNothingArrives(m -> true, window);
    }

    private List<Message> matching(Predicate<Message> what, int limit) {
        List<Message> out = new ArrayList<>();
        for (Message m : kept) {
            if (out.size() >= limit) {
                break;
            }
            if (what.test(m)) {
                out.add(m);
            }
        }
        return out;
    }

    private void requireKept() {
        if (!options.keepMessages) {
            throw new IllegalStateException(options.clientId + " keeps no messages (keepMessages(false)): nothing to wait for");
        }
    }

    private String summary() {
        List<Message> all = messages();
        return all.size() + " kept" + (all.isEmpty() ? "" : ", the last: " + all.get(all.size() - 1).describe())
                + (isConnected() ? "" : "; not connected") + (lost.isEmpty() ? "" : "; " + lost);
    }

    // ------------------------------------------------------------------ the connection

    /** The client id it connected with. */
    public String clientId() {
        return options.clientId;
    }

    /** True while connected to the broker. */
    public boolean isConnected() {
        return client.isConnected();
    }

    /** Disconnects cleanly (a persistent session stays with the broker) and releases the client. Idempotent. */
    @Override
    public void close() {
        try {
            client.disconnect().waitForCompletion(options.timeout.toMillis());
        } catch (MqttException e) {
            // not connected (the broker went first, or closed already): closing anyway
        }
        try {
            client.close(true);
        } catch (MqttException e) {
            // already closed, or a reconnect in progress: the client is dropped with its owner
        }
    }

    /** The client id, the broker URL and how many messages it received. */
    @Override
    public String toString() {
        return "TestMqttClient[" + options.clientId + " -> " + options.url + ", " + received.get() + " received]";
    }
}
