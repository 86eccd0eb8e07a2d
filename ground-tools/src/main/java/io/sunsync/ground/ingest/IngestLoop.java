package io.sunsync.ground.ingest;

import io.sunsync.ground.archive.ArchiveRecord;
import io.sunsync.ground.archive.SeenSet;
import io.sunsync.ground.mqtt.GroundConnection;
import io.sunsync.ground.store.AppendResult;
import io.sunsync.ground.store.ArchiveWriter;
import io.sunsync.ground.store.QuarantineReason;
import io.sunsync.ground.store.QuarantinedFrame;
import io.sunsync.ground.store.StoreBatch;
import io.sunsync.ground.store.StoreError;
import io.sunsync.ground.store.StoreException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ingest consumer: takes messages off a connection made with manual acknowledgements in
 * batches (up to {@link IngestSettings#maxBatch()} or {@link IngestSettings#linger()}), judges each
 * with the {@link FrameCheck}, stores the batch through an {@link ArchiveWriter} in one transaction,
 * and only after it committed acknowledges its messages to the broker (QoS 1, MQTT 5 manual acks).
 * So:
 * <ul>
 *   <li>a worker killed mid-batch loses nothing: the broker delivers the unacknowledged messages
 *       again (to the persistent session when it comes back) and the store drops the copies;</li>
 *   <li>a store outage stops the acknowledgements: the batch is retried, waiting
 *       {@link IngestSettings#retryFirst()} doubling to {@link IngestSettings#retryMax()}, while the
 *       broker keeps what comes (at most its receive maximum in flight to this worker);
 *       ingest resumes by itself when the store is back;</li>
 *   <li>a frame the store refuses on its own ({@link StoreError#REJECTED}) is found by storing the
 *       batch's records one by one and goes to quarantine ({@link QuarantineReason#STORE_REJECTED}),
 *       never blocking the ones after it.</li>
 * </ul>
 *
 * <p>Without a writer it only judges, de-duplicates (by key, in memory) and tells the listener.
 *
 * <p>Threading: {@link #run} on one thread, which owns the connection's queue and calls the
 * writer and the listener; the counters may be read from any thread.
 */
public final class IngestLoop {
    private static final Logger LOG = LoggerFactory.getLogger(IngestLoop.class);

    private final GroundConnection connection;
    private final FrameCheck check;
    private final ArchiveWriter writer;
    private final Consumer<ArchiveRecord> listener;
    private final Clock clock;
    private final IngestSettings settings;
    private final SeenSet seen = new SeenSet(100_000);
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong stored = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private final AtomicLong quarantined = new AtomicLong();
    private final AtomicLong batches = new AtomicLong();
    private final AtomicLong storeFailures = new AtomicLong();
    private final AtomicReference<StoreException> lastStoreFailure = new AtomicReference<>();
    private volatile boolean waitingForStore;
    private volatile long maxStored = Long.MAX_VALUE;

    /**
     * @param connection a connection made with manual acks, subscribed
     * @param check      how frames are judged
     * @param writer     where batches go, or null to ingest without storing
     * @param listener   told of each accepted record after its batch is stored (on this loop's thread; may be null)
     * @param clock      the ground's clock (reception times)
     * @param settings   batching and retry
     */
    public IngestLoop(GroundConnection connection, FrameCheck check, ArchiveWriter writer, Consumer<ArchiveRecord> listener,
                      Clock clock, IngestSettings settings) {
        this.connection = connection;
        this.check = check;
        this.writer = writer;
        this.listener = listener;
        this.clock = clock;
        this.settings = settings;
    }

    /**
     * Takes no more messages once {@code n} records are stored: each batch is cut to the room left,
     * so at most {@code n} are stored (fewer if some were duplicates).
     */
    public IngestLoop limitStored(long n) {
        if (n < 1) {
            throw new IllegalArgumentException("the limit must be >= 1, was " + n);
        }
        maxStored = n;
        return this;
    }

    /**
     * Runs until {@code stop} says so: between batches, or while waiting for the store (the batch
     * in hand is then left unacknowledged, for the broker to deliver again).
     *
     * @param onTick called about every 100 ms of quiet and after each batch (progress reports); may be null
     */
    public void run(BooleanSupplier stop, Runnable onTick) throws InterruptedException, MqttException {
        List<GroundConnection.Received> batch = new ArrayList<>(settings.maxBatch());
        while (!stop.getAsBoolean() && stored.get() < maxStored) {
            GroundConnection.Received first = connection.poll(100);
            if (first != null) {
                batch.add(first);
                long room = Math.min(settings.maxBatch(), maxStored - stored.get());
                long lingerEnd = System.nanoTime() + settings.linger().toNanos();
                while (batch.size() < room) {
                    long left = lingerEnd - System.nanoTime();
                    GroundConnection.Received r = connection.poll(Math.max(0, left / 1_000_000));
                    if (r == null) {
                        break;
                    }
                    batch.add(r);
                }
                received.addAndGet(batch.size());
                if (!ingest(batch, stop)) {
                    return;
                }
                batch.clear();
            }
            if (onTick != null) {
                onTick.run();
            }
        }
    }

    /** Judges, stores and acknowledges one batch; false if stopped while waiting for the store. */
    private boolean ingest(List<GroundConnection.Received> batch, BooleanSupplier stop) throws InterruptedException,
            MqttException {
        List<ArchiveRecord> records = new ArrayList<>(batch.size());
        List<QuarantinedFrame> refused = new ArrayList<>();
        for (GroundConnection.Received r : batch) {
            FrameCheck.Verdict v = check.check(r, clock.instant());
            if (v.accepted()) {
                records.add(v.record());
            } else {
                refused.add(v.quarantined());
            }
        }
        List<ArchiveRecord> told = records;
        if (writer == null) {
            told = new ArrayList<>();
            for (ArchiveRecord rec : records) {
                if (seen.contains(rec.key())) {
                    duplicates.incrementAndGet();
                } else {
                    seen.add(rec.key());
                    told.add(rec);
                    stored.incrementAndGet();
                }
            }
            quarantined.addAndGet(refused.size());
        } else {
            AppendResult result = store(new StoreBatch(records, refused), stop);
            if (result == null) {
                return false;
            }
            stored.addAndGet(result.stored());
            duplicates.addAndGet(result.duplicates());
            quarantined.addAndGet(result.quarantined());
        }
        batches.incrementAndGet();
        for (GroundConnection.Received r : batch) {
            connection.ack(r);
        }
        if (listener != null) {
            told.forEach(listener);
        }
        return true;
    }

    /** Stores {@code batch}, retrying through outages; null if stopped first. */
    private AppendResult store(StoreBatch batch, BooleanSupplier stop) throws InterruptedException {
        Duration wait = settings.retryFirst();
        while (true) {
            try {
                AppendResult r = writer.append(batch);
                if (waitingForStore) {
                    waitingForStore = false;
                    LOG.info("archive store is back: ingest resumes");
                }
                return r;
            } catch (StoreException e) {
                if (e.error() == StoreError.REJECTED) {
                    AppendResult r = storeOneByOne(batch, stop);
                    if (r != null || stop.getAsBoolean()) {
                        return r;
                    }
                    continue;
                }
                storeFailures.incrementAndGet();
                lastStoreFailure.set(e);
                if (!waitingForStore) {
                    waitingForStore = true;
                    LOG.warn("archive store failed ({}): holding acknowledgements and retrying", e.getMessage());
                }
            }
            long end = System.nanoTime() + wait.toNanos();
            while (System.nanoTime() < end) {
                if (stop.getAsBoolean()) {
                    return null;
                }
                Thread.sleep(Math.min(50, Math.max(1, (end - System.nanoTime()) / 1_000_000)));
            }
            if (stop.getAsBoolean()) {
                return null;
            }
            wait = wait.multipliedBy(2).compareTo(settings.retryMax()) > 0 ? settings.retryMax() : wait.multipliedBy(2);
        }
    }

    /**
     * After the store refused a batch: each record on its own, a refused one to quarantine. Null if
     * the store failed otherwise meanwhile (the caller goes back to retrying the whole batch).
     */
    private AppendResult storeOneByOne(StoreBatch batch, BooleanSupplier stop) {
        AppendResult total = AppendResult.NONE;
        List<QuarantinedFrame> refused = new ArrayList<>(batch.quarantined());
        try {
            for (ArchiveRecord r : batch.records()) {
                try {
                    total = total.plus(writer.append(StoreBatch.of(List.of(r))));
                } catch (StoreException e) {
                    if (e.error() != StoreError.REJECTED) {
                        throw e;
                    }
                    LOG.warn("archive store refused {} {} seq {}: quarantined ({})", r.sat(), r.kind(), r.key().seq(),
                            e.getMessage());
                    refused.add(new QuarantinedFrame(r.rx(), r.topic(), r.sat(), r.kind(), QuarantineReason.STORE_REJECTED,
                            e.getMessage(), r.jsonText().getBytes(java.nio.charset.StandardCharsets.UTF_8),
                            java.util.Map.of("stream", r.key().stream(), "seq", Long.toString(r.key().seq()))));
                }
            }
            return total.plus(writer.append(new StoreBatch(List.of(), refused)));
        } catch (StoreException e) {
            storeFailures.incrementAndGet();
            lastStoreFailure.set(e);
            return null;
        }
    }

    /** Messages taken off the connection. */
    public long received() {
        return received.get();
    }

    /** Records newly stored (without a writer: new records told to the listener). */
    public long stored() {
        return stored.get();
    }

    /** Redelivered copies not stored again. */
    public long duplicates() {
        return duplicates.get();
    }

    /** Frames that failed the ICD and went to quarantine. */
    public long quarantined() {
        return quarantined.get();
    }

    /** Batches stored and acknowledged. */
    public long batches() {
        return batches.get();
    }

    /** Store failures so far (each retry counts). */
    public long storeFailures() {
        return storeFailures.get();
    }

    /** The last store failure, or null. */
    public StoreException lastStoreFailure() {
        return lastStoreFailure.get();
    }

    /** True while a batch waits for the store to come back (nothing is acknowledged meanwhile). */
    public boolean waitingForStore() {
        return waitingForStore;
    }
}
