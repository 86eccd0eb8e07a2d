package io.sunsync.ground.store;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * How a store is opened.
 *
 * @param poolSize       database connections kept (PostgreSQL; SQLite keeps one writer and up to this many readers)
 * @param connectTimeout how long to wait for a connection before failing an operation
 * @param clock          the ground's clock (for reception-time defaults and partitions made ahead of today)
 */
public record StoreOptions(int poolSize, Duration connectTimeout, Clock clock) {
    public StoreOptions {
        if (poolSize < 1 || poolSize > 64) {
            throw new IllegalArgumentException("poolSize must be 1-64, was " + poolSize);
        }
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        if (connectTimeout.toMillis() < 250) {
            throw new IllegalArgumentException("connectTimeout must be >= 250 ms");
        }
        Objects.requireNonNull(clock, "clock");
    }

    /** 4 connections, 10 s to connect, the system clock. */
    public static StoreOptions defaults() {
        return new StoreOptions(4, Duration.ofSeconds(10), Clock.systemUTC());
    }

    /** The same with another pool size. */
    public StoreOptions withPoolSize(int n) {
        return new StoreOptions(n, connectTimeout, clock);
    }

    /** The same with another connect timeout. */
    public StoreOptions withConnectTimeout(Duration d) {
        return new StoreOptions(poolSize, d, clock);
    }

    /** The same with another clock. */
    public StoreOptions withClock(Clock c) {
        return new StoreOptions(poolSize, connectTimeout, c);
    }
}
