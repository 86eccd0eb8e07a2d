package io.sunsync.flight.link.outbox;

import io.sunsync.hal.config.ConfigException;
import java.nio.file.Path;

/**
 * The {@code link.outbox} section of the satellite config: where and how much the on-disk outbox
 * stores. Validated on construction.
 *
 * @param dir            folder of the segment files; relative paths are resolved against the
 *                       config file's folder (default {@code outbox})
 * @param maxBytes       disk the outbox may use, in bytes, segment files included (default 256 MiB,
 *                       at least 4 segments)
 * @param segmentBytes   size at which a segment file is sealed and a new one started, in bytes
 *                       (64 KiB .. 1 GiB, default 4 MiB); also the largest message the outbox takes
 * @param maxMessages    messages the outbox holds at most (default 500,000); past it, as past
 *                       {@code maxBytes}, the oldest of the lowest priority are dropped
 * @param fsync          fsync policy (default {@link FsyncPolicy#GROUP})
 * @param groupCommitMs  group commit interval in ms for {@link FsyncPolicy#GROUP} (1..10,000,
 *                       default 50)
 */
public record OutboxConfig(Path dir, Long maxBytes, Integer segmentBytes, Integer maxMessages, FsyncPolicy fsync,
                           Integer groupCommitMs) {
    /** Default {@code maxBytes}: 256 MiB. */
    public static final long DEFAULT_MAX_BYTES = 256L << 20;
    /** Default {@code segmentBytes}: 4 MiB. */
    public static final int DEFAULT_SEGMENT_BYTES = 4 << 20;

    public OutboxConfig {
        dir = dir == null ? Path.of("outbox") : dir;
        segmentBytes = segmentBytes == null ? DEFAULT_SEGMENT_BYTES : segmentBytes;
        if (segmentBytes < (64 << 10) || segmentBytes > (1 << 30)) {
            throw new ConfigException("segmentBytes", "must be in [65536, 1073741824], was " + segmentBytes);
        }
        maxBytes = maxBytes == null ? Math.max(DEFAULT_MAX_BYTES, 4L * segmentBytes) : maxBytes;
        if (maxBytes < 4L * segmentBytes) {
            throw new ConfigException("maxBytes", "must be at least 4 segments (" + 4L * segmentBytes
                    + " bytes), was " + maxBytes);
        }
        maxMessages = maxMessages == null ? 500_000 : maxMessages;
        if (maxMessages < 1) {
            throw new ConfigException("maxMessages", "must be >= 1, was " + maxMessages);
        }
        fsync = fsync == null ? FsyncPolicy.GROUP : fsync;
        groupCommitMs = groupCommitMs == null ? 50 : groupCommitMs;
        if (groupCommitMs < 1 || groupCommitMs > 10_000) {
            throw new ConfigException("groupCommitMs", "must be in [1, 10000] ms, was " + groupCommitMs);
        }
    }

    /** Defaults, in {@code dir}. */
    public static OutboxConfig in(Path dir) {
        return new OutboxConfig(dir, null, null, null, null, null);
    }

    /** This config with {@code dir} resolved against {@code base} when it is relative. */
    public OutboxConfig resolvedAgainst(Path base) {
        return dir.isAbsolute() || base == null ? this
                : new OutboxConfig(base.resolve(dir), maxBytes, segmentBytes, maxMessages, fsync, groupCommitMs);
    }

    /** A copy with another {@code maxBytes} and {@code segmentBytes} (tests, benchmarks). */
    public OutboxConfig withLimits(long maxBytes, int segmentBytes) {
        return new OutboxConfig(dir, maxBytes, segmentBytes, maxMessages, fsync, groupCommitMs);
    }

    /** A copy with another fsync policy. */
    public OutboxConfig withFsync(FsyncPolicy policy) {
        return new OutboxConfig(dir, maxBytes, segmentBytes, maxMessages, policy, groupCommitMs);
    }

    /** A copy with another message bound. */
    public OutboxConfig withMaxMessages(int maxMessages) {
        return new OutboxConfig(dir, maxBytes, segmentBytes, maxMessages, fsync, groupCommitMs);
    }
}
