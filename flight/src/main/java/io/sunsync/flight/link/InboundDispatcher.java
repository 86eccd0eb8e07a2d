package io.sunsync.flight.link;

import io.sunsync.flight.logging.RateLimitedLog;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the broker sends us: the subscriptions and their handlers, and the link's single inbound
 * thread ({@code mqtt-inbound}) that runs them one message at a time in arrival order, never on
 * Paho's thread. Its queue holds what the broker may send unacknowledged on a connection (QoS 1,
 * {@link MqttLink#RECEIVE_MAXIMUM}), as much again left from the connection before, and the QoS 0
 * allowance ({@link MqttLink#MAX_QUEUED_QOS0}); a message beyond them is dropped and counted per
 * {@link InboundDrop}, and the drops are reported to the listeners at once for the first, then at
 * most every {@link MqttLink#INBOUND_DROP_REPORT_MS}. A QoS 1 message is acknowledged to the broker
 * after its handlers return, so a command is not lost if flight dies while handling it.
 *
 * <p>A QoS 1 message beyond the Receive Maximum (a broker in breach of the protocol: Debian's
 * Mosquitto 2.0.11 did so in a pipelined benchmark) is dropped unacknowledged, and {@link #arrived}
 * says so: the link must then renew the connection, because the broker holds a message it sent
 * until it is acknowledged or the session reconnects, and a few such messages would otherwise take
 * up its whole window for flight and stop every command.
 *
 * <p>Threading: {@link #arrived} on Paho's callback thread (never blocks); {@link #reportDrops}
 * on the sender thread; the counters from any thread.
 */
final class InboundDispatcher {
    /** Logs under the link's name, as before this part was split from it (operators filter on it). */
    private static final Logger LOG = LoggerFactory.getLogger(MqttLink.class);

    /** A handler for the messages on a topic filter. */
    record Subscription(String filter, int qos, Consumer<InboundMessage> handler) {
    }

    private final List<Subscription> subscriptions = new CopyOnWriteArrayList<>();
    private final ThreadPoolExecutor inbound = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(2 * MqttLink.RECEIVE_MAXIMUM + MqttLink.MAX_QUEUED_QOS0), r -> {
                Thread t = new Thread(r, "mqtt-inbound");
                t.setDaemon(true);
                return t;
            });
    private final AtomicInteger queuedQos0 = new AtomicInteger();
    // QoS 1 and 2 messages waiting, per connection (a Paho client is one connection).
    private final Map<MqttAsyncClient, AtomicInteger> queuedQos1 = new ConcurrentHashMap<>();
    private volatile int qos1Allowance = MqttLink.RECEIVE_MAXIMUM;
    private final AtomicLong received = new AtomicLong();
    private final Map<InboundDrop, AtomicLong> dropped = new EnumMap<>(InboundDrop.class);
    private final RateLimitedLog dropLog = RateLimitedLog.warn(LOG);
    private volatile long reportEveryMs = MqttLink.INBOUND_DROP_REPORT_MS;
    // Sender-thread state: drops already reported, and when.
    private final Map<InboundDrop, Long> reported = new EnumMap<>(InboundDrop.class);
    private long reportedNs;

    InboundDispatcher() {
        for (InboundDrop d : InboundDrop.values()) {
            dropped.put(d, new AtomicLong());
            reported.put(d, 0L);
        }
    }

    void subscribe(String filter, int qos, Consumer<InboundMessage> handler) {
        subscriptions.add(new Subscription(filter, qos, handler));
    }

    /** The subscriptions, to be made after every connect. */
    List<Subscription> subscriptions() {
        return subscriptions;
    }

    /**
     * A message arrived on {@code owner}'s connection: copied out and handed to the inbound thread,
     * which acknowledges it once its handlers are done. What does not fit the bounded queue is
     * dropped and counted here.
     *
     * @return true when a QoS 1 or 2 message was dropped unacknowledged (more than the Receive
     *         Maximum waiting): the connection must be renewed so that the broker sends it again
     */
    boolean arrived(MqttAsyncClient owner, String topic, MqttMessage message) {
        received.incrementAndGet();
        int id = message.getId();
        int qos = message.getQos();
        boolean qos0 = qos == 0;
        if (qos0 && queuedQos0.incrementAndGet() > MqttLink.MAX_QUEUED_QOS0) {
            queuedQos0.decrementAndGet();
            drop(InboundDrop.QOS0_QUEUE_FULL, topic);
            return false;
        }
        AtomicInteger waiting = qos0 ? null : queuedQos1.computeIfAbsent(owner, k -> new AtomicInteger());
        if (waiting != null && waiting.incrementAndGet() > qos1Allowance) {
            unqueued(owner, waiting);
            drop(InboundDrop.QUEUE_FULL, topic);
            return true;
        }
        InboundMessage copy = PahoMessages.copyOf(topic, message);
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
                } else {
                    unqueued(owner, waiting);
                }
                for (Subscription sub : matching) {
                    try {
                        sub.handler().accept(copy);
                    } catch (RuntimeException e) {
                        LOG.error("link: handler for {} failed on {}", sub.filter(), topic, e);
                    }
                }
                acknowledge(owner, id, qos);
            });
        } catch (RejectedExecutionException full) {
            if (qos0) {
                queuedQos0.decrementAndGet();
            } else {
                unqueued(owner, waiting);
            }
            if (inbound.isShutdown()) {
                LOG.debug("link: stopping, {} left for redelivery", topic);
                return false;
            }
            // Not acknowledged: the broker sends it again after the next connect.
            drop(InboundDrop.QUEUE_FULL, topic);
            return !qos0;
        }
        return false;
    }

    /** One fewer of {@code owner}'s QoS 1 messages waiting; a finished connection's count is forgotten. */
    private void unqueued(MqttAsyncClient owner, AtomicInteger waiting) {
        if (waiting.decrementAndGet() <= 0) {
            queuedQos1.remove(owner, waiting);
        }
    }

    /** Lets fewer QoS 1 messages wait than the Receive Maximum (tests: a broker that overruns it). */
    void qos1Allowance(int messages) {
        this.qos1Allowance = messages;
    }

    private void drop(InboundDrop reason, String topic) {
        long n = dropped.get(reason).incrementAndGet();
        dropLog.log(reason.name(), "link: received message on {} dropped ({}, {} so far)", topic, reason, n);
    }

    private static void acknowledge(MqttAsyncClient owner, int id, int qos) {
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

    /**
     * Tells {@code listener} of the drops since the last report: at once for the first, then at
     * most every report interval, so a flood makes a few reports, each with its count.
     */
    void reportDrops(LinkListener listener) {
        dropLog.flush();
        long now = System.nanoTime();
        if (reportedNs != 0 && now - reportedNs < TimeUnit.MILLISECONDS.toNanos(reportEveryMs)) {
            return;
        }
        boolean any = false;
        for (InboundDrop reason : InboundDrop.values()) {
            long total = dropped.get(reason).get();
            long before = reported.get(reason);
            if (total > before) {
                reported.put(reason, total);
                listener.onInboundDropped(reason, total - before, total);
                any = true;
            }
        }
        if (any) {
            reportedNs = now;
        }
    }

    /** Reports drops at most every {@code ms}. */
    void reportEvery(long ms) {
        reportEveryMs = ms;
    }

    /** Messages received since start. */
    long received() {
        return received.get();
    }

    /** Messages dropped for {@code reason} since start. */
    long dropped(InboundDrop reason) {
        return dropped.get(reason).get();
    }

    /** Messages dropped for any reason since start. */
    long dropped() {
        long n = 0;
        for (AtomicLong c : dropped.values()) {
            n += c.get();
        }
        return n;
    }

    /** Stops the inbound thread, letting it finish what is queued (up to 2 s). */
    void shutdown() {
        inbound.shutdown();
        try {
            inbound.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
