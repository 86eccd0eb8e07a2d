package io.sunsync.ground.ingest;

import java.time.Duration;
import java.util.Objects;

/**
 * How an {@link IngestLoop} batches and waits out a store outage.
 *
 * @param maxBatch    most messages stored in one transaction (1-10,000)
 * @param linger      how long a batch waits for more messages after its first
 * @param retryFirst  the first wait after a store failure
 * @param retryMax    the longest wait between retries (waits double up to it)
 */
public record IngestSettings(int maxBatch, Duration linger, Duration retryFirst, Duration retryMax) {
    public IngestSettings {
        if (maxBatch < 1 || maxBatch > 10_000) {
            throw new IllegalArgumentException("maxBatch must be 1-10000, was " + maxBatch);
        }
        Objects.requireNonNull(linger, "linger");
        Objects.requireNonNull(retryFirst, "retryFirst");
        Objects.requireNonNull(retryMax, "retryMax");
        if (linger.isNegative() || retryFirst.isNegative() || retryMax.compareTo(retryFirst) < 0) {
            throw new IllegalArgumentException("linger and retry waits must be >= 0 and retryMax >= retryFirst");
        }
    }

    /**
     * Up to 500 messages or 50 ms a batch; after a store failure retry in 0.25 s, doubling to 5 s.
     * The batch limit stays under a worker's MQTT receive maximum (1000), so the broker keeps
     * delivering while a batch is written.
     */
    public static IngestSettings defaults() {
        return new IngestSettings(500, Duration.ofMillis(50), Duration.ofMillis(250), Duration.ofSeconds(5));
    }

    /** One message at a time, no lingering (the file archive's behaviour before batching). */
    public static IngestSettings oneByOne() {
        return new IngestSettings(1, Duration.ZERO, Duration.ofMillis(250), Duration.ofSeconds(5));
    }

    /** The same with another batch size and linger. */
    public IngestSettings withBatch(int max, Duration lingerFor) {
        return new IngestSettings(max, lingerFor, retryFirst, retryMax);
    }
}
