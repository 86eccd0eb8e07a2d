package io.sunsync.ground.fleet;

import io.sunsync.ground.archive.ArchiveRecord;
import io.sunsync.ground.ingest.FrameCheck;
import io.sunsync.ground.ingest.IngestLoop;
import io.sunsync.ground.ingest.IngestSettings;
import io.sunsync.ground.mqtt.ConnectSettings;
import io.sunsync.ground.mqtt.GroundConnection;
import io.sunsync.ground.store.ArchiveWriter;
import io.sunsync.ground.store.StoreException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.eclipse.paho.mqttv5.common.MqttException;

/**
 * One fleet ingest worker: a member of an MQTT 5 shared subscription group
 * ({@code $share/GROUP/sunsync/+/tm/hk}), so the broker gives each housekeeping frame to exactly
 * one worker of the group, and ingest scales out across processes and machines. Frames are judged
 * ({@link FrameCheck}), stored in batches through the writer (the archive store, files, or both),
 * and acknowledged only after their batch committed ({@link IngestLoop}), on a persistent session,
 * so a worker that dies loses nothing and a store outage only delays.
 *
 * <p>Threading: {@link #start()} starts one consumer thread that calls the writer and the
 * listener; counters may be read from any thread; {@link #close()} from any thread. The caller
 * owns the writer and closes it after the worker.
 */
public final class IngestWorker implements AutoCloseable {
    private final String name;
    private final GroundConnection connection;
    private final IngestLoop loop;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final Thread thread;
    private volatile boolean stop;

    /**
     * Connects and subscribes (the subscription exists when this returns).
     *
     * @param name     worker name (thread name)
     * @param settings connection settings (a persistent session with manual acks is advised)
     * @param filters  topic filters, typically {@link #sharedFilters}
     * @param check    how each frame is judged: with telemetry authentication
     *                 ({@code new FrameCheck(verifier.forArchive())}), a frame that fails it is quarantined
     * @param writer   where batches go, or null to only ingest
     * @param listener told of each new frame after it is stored, on the worker's thread (may be null)
     * @param clock    the ground's clock
     * @param ingest   batching and retry
     */
    public IngestWorker(String name, ConnectSettings settings, List<String> filters, FrameCheck check,
                        ArchiveWriter writer, Consumer<ArchiveRecord> listener, Clock clock, IngestSettings ingest)
            throws MqttException {
        this.name = name;
        this.connection = new GroundConnection(settings);
        connection.subscribe(filters);
        this.loop = new IngestLoop(connection, check, writer, listener, clock, ingest);
        this.thread = new Thread(this::loop, "ingest-" + name);
        thread.setDaemon(true);
    }

    /** A worker with {@link IngestSettings#defaults()}. */
    public IngestWorker(String name, ConnectSettings settings, List<String> filters, FrameCheck check,
                        ArchiveWriter writer, Consumer<ArchiveRecord> listener, Clock clock) throws MqttException {
        this(name, settings, filters, check, writer, listener, clock, IngestSettings.defaults());
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
            loop.run(() -> stop, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (MqttException | RuntimeException e) {
            // The broker connection failed, or the writer or listener threw: the worker stops and says why.
            // An Error (out of memory, a failed assertion) is not caught here: it ends the thread through
            // its uncaught-exception handler.
            failure.set(e);
        }
    }

    /** The worker's name. */
    public String name() {
        return name;
    }

    /** Frames ingested: newly stored (without a writer: new frames). */
    public long ingested() {
        return loop.stored();
    }

    /** Redelivered copies dropped. */
    public long duplicates() {
        return loop.duplicates();
    }

    /** Frames that failed the ICD and went to quarantine. */
    public long quarantined() {
        return loop.quarantined();
    }

    /** Messages the connection received (ingested, duplicates and any other). */
    public long received() {
        return connection.received();
    }

    /** True while a batch waits for the store to come back. */
    public boolean waitingForStore() {
        return loop.waitingForStore();
    }

    /** The last store failure, or null. */
    public StoreException lastStoreFailure() {
        return loop.lastStoreFailure();
    }

    /** What stopped the worker (a broker failure, or what the writer or listener threw), or null. */
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
    }
}
