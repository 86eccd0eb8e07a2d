package io.sunsync.ground.fleet;

import io.sunsync.ground.archive.Archive;
import io.sunsync.ground.archive.ArchiveRecord;
import io.sunsync.ground.archive.SeenSet;
import io.sunsync.ground.mqtt.ConnectSettings;
import io.sunsync.ground.mqtt.GroundConnection;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.eclipse.paho.mqttv5.common.MqttException;

/**
 * One fleet ingest worker: a member of an MQTT 5 shared subscription group
 * ({@code $share/GROUP/sunsync/+/tm/hk}), so the broker gives each housekeeping frame to exactly
 * one worker of the group, and ingest scales out across processes and machines. Each frame is
 * parsed, de-duplicated by (satellite, stream, sequence number), handed to the listener, stored
 * in the archive if there is one, and only then acknowledged (manual acks on a persistent
 * session), so a worker that dies loses nothing.
 *
 * <p>Threading: {@link #start()} starts one consumer thread that owns the archive and calls the
 * listener; counters may be read from any thread; {@link #close()} from any thread.
 */
public final class IngestWorker implements AutoCloseable {
    private final String name;
    private final GroundConnection connection;
    private final Archive archive;
    private final Consumer<ArchiveRecord> listener;
    private final Clock clock;
    private final SeenSet seen = new SeenSet(100_000);
    private final AtomicLong ingested = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final Thread thread;
    private volatile boolean stop;

    /**
     * Connects and subscribes (the subscription exists when this returns).
     *
     * @param name     worker name (thread name, archive writer)
     * @param settings connection settings (a persistent session with manual acks is advised)
     * @param filters  topic filters, typically {@link #sharedFilters}
     * @param archive  where to store frames, or null to only ingest
     * @param listener told of each new frame, on the worker's thread (may be null)
     */
    public IngestWorker(String name, ConnectSettings settings, List<String> filters, Archive archive,
                        Consumer<ArchiveRecord> listener, Clock clock) throws MqttException {
        this.name = name;
        this.archive = archive;
        this.listener = listener;
        this.clock = clock;
        this.connection = new GroundConnection(settings);
        connection.subscribe(filters);
        this.thread = new Thread(this::loop, "ingest-" + name);
        thread.setDaemon(true);
    }

    /**
     * The shared-subscription filters of {@code group} for housekeeping (and events if asked)
     * of every satellite.
     */
    public static List<String> sharedFilters(String group, boolean events) {
        List<String> f = new ArrayList<>(List.of("$share/" + group + "/sunsync/+/tm/hk"));
        if (events) {
            f.add("$share/" + group + "/sunsync/+/evt");
        }
        return f;
    }

    /** Starts the consumer thread. */
    public IngestWorker start() {
        thread.start();
        return this;
    }

    private void loop() {
        try {
            while (!stop) {
                GroundConnection.Received r = connection.poll(100);
                if (r == null) {
                    continue;
                }
                ArchiveRecord rec = ArchiveRecord.of(r, clock.instant());
                if (rec != null) {
                    if (seen.contains(rec.key())) {
                        duplicates.incrementAndGet();
                    } else {
                        if (archive != null) {
                            archive.accept(rec);
                        }
                        seen.add(rec.key());
                        if (listener != null) {
                            listener.accept(rec);
                        }
                        ingested.incrementAndGet();
                    }
                }
                connection.ack(r);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception | Error e) {
            failure.set(e);
        }
    }

    /** The worker's name. */
    public String name() {
        return name;
    }

    /** Frames ingested (new, not duplicates). */
    public long ingested() {
        return ingested.get();
    }

    /** Redelivered copies dropped. */
    public long duplicates() {
        return duplicates.get();
    }

    /** Messages the connection received (ingested, duplicates and any other). */
    public long received() {
        return connection.received();
    }

    /** What stopped the worker, or null. */
    public Throwable failure() {
        return failure.get();
    }

    /** True while connected to the broker. */
    public boolean isConnected() {
        return connection.isConnected();
    }

    /** Stops the thread and disconnects; the persistent session stays at the broker until it expires. */
    @Override
    public void close() throws Exception {
        stop = true;
        if (thread.isAlive()) {
            thread.join(10_000);
        }
        connection.close();
        if (archive != null) {
            archive.close();
        }
    }
}
