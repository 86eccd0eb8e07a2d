package io.sunsync.ground.fleet.sim;

import io.sunsync.ground.tc.CommandKeyFile;
import io.sunsync.ground.tmauth.TelemetryKeys;
import io.sunsync.ground.tmauth.TelemetryMac;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
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
 * A simulated fleet on the wire: N satellites publishing ICD-valid housekeeping
 * ({@link SimulatedHousekeeping}) on {@code sunsync/{sat}/tm/hk} from one process, QoS 1, each
 * frame with the outbox's {@code stream} ({@code tm/hk}) and {@code seq} user properties as flight
 * sends them (docs/icd/downlink.md), frame number and stream sequence number equal. Either
 * <ul>
 *   <li>{@link #runAtRate}: in real time, each satellite at {@code rateHz} with its frames spread
 *       evenly over the period (satellite i of N at offset i/N of it), mission time = the ground's
 *       clock when the frame is handed to the broker, so {@code stored - t} in the archive is the lag
 *       from publish to stored (how late the publisher itself fell behind its slots is
 *       {@link #maxLateMs()}); or</li>
 *   <li>{@link #runAsFastAsPossible}: a given number of frames per satellite, as fast as the
 *       broker takes them.</li>
 * </ul>
 * Publishes are pipelined on {@code connections} MQTT connections (a window of 64 unacknowledged
 * publishes each, or the broker's receive maximum if smaller: HiveMQ CE's is 10), satellites shared
 * out among them.
 *
 * <p>Threading: a run uses one thread per connection, started and joined by the call; counters
 * may be read from any thread during a run.
 */
public final class FleetPublisher implements AutoCloseable {
    private static final int WINDOW = 64;

    private final List<String> sats;
    private final SimulatedHousekeeping frames;
    private final List<Link> links = new ArrayList<>();
    private final AtomicLong published = new AtomicLong();
    private final AtomicLong acked = new AtomicLong();
    private final AtomicLong maxLateNanos = new AtomicLong();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private volatile TelemetryKeys signing;
    private volatile int signingKid;

    /** One MQTT connection and its window of unacknowledged publishes (64, or the broker's receive maximum if less). */
    private final class Link {
        final MqttAsyncClient client;
        final int windowSize;
        final Semaphore window;
        final MqttActionListener onAck = new MqttActionListener() {
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

        Link(String brokerUrl, String clientId, Consumer<MqttConnectionOptions> login) throws MqttException {
            client = new MqttAsyncClient(brokerUrl, clientId, new MemoryPersistence());
            MqttConnectionOptions o = new MqttConnectionOptions();
            o.setCleanStart(true);
            o.setConnectionTimeout(10);
            if (login != null) {
                login.accept(o);
            }
            IMqttToken connected = client.connect(o);
            connected.waitForCompletion(30_000);
            Integer serverMax = connected.getResponseProperties() == null ? null
                    : connected.getResponseProperties().getReceiveMaximum();
            windowSize = Math.min(serverMax == null ? WINDOW : serverMax, WINDOW);
            window = new Semaphore(windowSize);
        }
    }

    /**
     * Connects.
     *
     * @param brokerUrl      {@code tcp://host:port}
     * @param clientIdPrefix client ids are PREFIX-p0, PREFIX-p1, …
     * @param sats           the satellites' ids (index in this list = the satellite's quirks in {@code frames})
     * @param frames         what their frames look like
     * @param connections    MQTT connections to publish on (1-64)
     */
    public FleetPublisher(String brokerUrl, String clientIdPrefix, List<String> sats, SimulatedHousekeeping frames,
                          int connections) throws MqttException {
        this(brokerUrl, clientIdPrefix, sats, frames, connections, null);
    }

    /**
     * Connects, with credentials or TLS set by {@code login} (user name, password, socket factory).
     *
     * @param login sets up each connection's options before it connects, or null
     */
    public FleetPublisher(String brokerUrl, String clientIdPrefix, List<String> sats, SimulatedHousekeeping frames,
                          int connections, Consumer<MqttConnectionOptions> login) throws MqttException {
        if (connections < 1 || connections > 64) {
            throw new IllegalArgumentException("connections must be 1-64, was " + connections);
        }
        this.sats = List.copyOf(sats);
        this.frames = Objects.requireNonNull(frames);
        try {
            for (int c = 0; c < Math.min(connections, sats.size()); c++) {
                links.add(new Link(brokerUrl, clientIdPrefix + "-p" + c, login));
            }
        } catch (MqttException e) {
            close();
            throw e;
        }
    }

    /**
     * Publishes in real time until {@code duration} has passed or {@code stop} says so: frame k of
     * satellite i in the slot {@code start + k/rateHz + (i/N)/rateHz}, stamped with the clock when it
     * goes out, frame numbers from {@code firstSeq}.
     *
     * @param clock the ground's clock: mission time of each frame, and pacing
     * @return frames published
     */
    public long runAtRate(double rateHz, Duration duration, long firstSeq, Clock clock, BooleanSupplier stop)
            throws InterruptedException {
        if (!(rateHz > 0 && rateHz <= 100)) {
            throw new IllegalArgumentException("rateHz must be in (0, 100], was " + rateHz);
        }
        long periodNanos = (long) (1e9 / rateHz);
        Instant start = clock.instant().truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
        long ticks = (long) Math.floor(duration.toNanos() / (double) periodNanos);
        return runThreads((link, mine) -> {
            for (long k = 0; k < ticks && !stop.getAsBoolean(); k++) {
                for (int i : mine) {
                    Instant due = start.plusNanos(k * periodNanos + periodNanos * i / sats.size());
                    long waitNanos = Duration.between(clock.instant(), due).toNanos();
                    if (waitNanos > 0) {
                        LockSupport.parkNanos(waitNanos);
                    } else {
                        maxLateNanos.accumulateAndGet(-waitNanos, Math::max);
                    }
                    publish(link, i, firstSeq + k, clock.instant());
                }
            }
        });
    }

    /**
     * Publishes {@code framesPerSat} frames of every satellite as fast as the broker takes them,
     * round by round (every satellite's frame k before any frame k+1), mission times one second
     * apart from {@code firstT}.
     *
     * @return frames published
     */
    public long runAsFastAsPossible(long framesPerSat, long firstSeq, Instant firstT) throws InterruptedException {
        return runThreads((link, mine) -> {
            for (long k = 0; k < framesPerSat; k++) {
                for (int i : mine) {
                    publish(link, i, firstSeq + k, firstT.plusSeconds(k));
                }
            }
        });
    }

    private interface Work {
        void run(Link link, List<Integer> mine) throws Exception;
    }

    private long runThreads(Work work) throws InterruptedException {
        long before = published.get();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < links.size(); c++) {
            Link link = links.get(c);
            List<Integer> mine = new ArrayList<>();
            for (int i = c; i < sats.size(); i += links.size()) {
                mine.add(i);
            }
            Thread t = new Thread(() -> {
                try {
                    work.run(link, mine);
                    flush(link);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (Exception e) {
                    failure.compareAndSet(null, e);
                }
            }, "fleet-publisher-" + c);
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) {
            t.join();
        }
        if (failure.get() != null) {
            throw new IllegalStateException("publishing failed: " + failure.get(), failure.get());
        }
        return published.get() - before;
    }

    /**
     * Publishes one frame of satellite {@code index} (on its connection), waiting only for room in
     * the window; for callers that pace frames themselves. Call {@link #flush()} to wait for the
     * broker's acknowledgements.
     */
    public void publish(int index, long seq, Instant t) throws MqttException, InterruptedException {
        publish(links.get(index % links.size()), index, seq, t);
    }

    /**
     * Signs every frame from now on as flight does (user properties {@code kid} and {@code mac},
     * docs/icd/downlink.md) with key {@code kid} of each satellite's telemetry keys in {@code keys}.
     */
    public FleetPublisher signedWith(TelemetryKeys keys, int kid) {
        this.signingKid = kid;
        this.signing = keys;
        return this;
    }

    /** Waits until the broker acknowledged every frame published so far. */
    public void flush() throws InterruptedException {
        for (Link l : links) {
            flush(l);
        }
        if (failure.get() != null) {
            throw new IllegalStateException("a publish failed: " + failure.get(), failure.get());
        }
    }

    private void publish(Link link, int index, long seq, Instant t) throws MqttException, InterruptedException {
        if (failure.get() != null) {
            throw new IllegalStateException("a publish failed: " + failure.get(), failure.get());
        }
        String sat = sats.get(index);
        byte[] payload = frames.frame(sat, index, seq, t).getBytes(StandardCharsets.UTF_8);
        String topic = "sunsync/" + sat + "/tm/hk";
        MqttProperties p = new MqttProperties();
        List<UserProperty> user = new ArrayList<>(List.of(new UserProperty("stream", "tm/hk"),
                new UserProperty("seq", Long.toString(seq))));
        TelemetryKeys keys = signing;
        if (keys != null) {
            CommandKeyFile k = keys.of(sat).orElseThrow(() -> new IllegalStateException("no telemetry key for " + sat));
            user.add(new UserProperty("kid", Integer.toString(signingKid)));
            user.add(new UserProperty("mac", HexFormat.of().formatHex(k.mac(signingKid,
                    TelemetryMac.input(topic, "tm/hk", seq, payload)))));
        }
        p.setUserProperties(user);
        link.window.acquire();
        link.client.publish(topic, new MqttMessage(payload, 1, false, p), null, link.onAck);
        published.incrementAndGet();
    }

    private static void flush(Link link) throws InterruptedException {
        if (!link.window.tryAcquire(link.windowSize, 60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("publishes not acknowledged by the broker within 60 s");
        }
        link.window.release(link.windowSize);
    }

    /** The satellites. */
    public List<String> satellites() {
        return sats;
    }

    /** Frames handed to the broker. */
    public long published() {
        return published.get();
    }

    /** Frames the broker acknowledged (QoS 1 PUBACK). */
    public long acked() {
        return acked.get();
    }

    /** The latest a frame went out after its slot in {@link #runAtRate}, ms (0 if never late). */
    public double maxLateMs() {
        return maxLateNanos.get() / 1e6;
    }

    @Override
    public void close() {
        for (Link l : links) {
            try {
                if (l.client.isConnected()) {
                    l.client.disconnect().waitForCompletion(10_000);
                }
                l.client.close();
            } catch (MqttException ignored) {
                // closing anyway
            }
        }
    }
}
