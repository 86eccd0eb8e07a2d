package io.sunsync.flight.link.outbox;

/**
 * When the outbox forces appended records to stable storage. The sender only transmits records
 * that are already durable under the policy, so a sequence number that reached the ground is
 * never reused after a power loss.
 */
public enum FsyncPolicy {
    /** Every append asks the flush thread for an fsync at once (appends arriving meanwhile share it). */
    ALWAYS,
    /**
     * Group commit: {@link Priority#HIGH} appends ask for an fsync at once, the others are forced
     * together every {@code groupCommitMs}. The default.
     */
    GROUP,
    /**
     * Never fsync. Records survive a crash of the process ({@code kill -9}: they are in the page
     * cache) but not a power loss. For tests and benchmarks on tmpfs.
     */
    NONE;

    /** Reads a config value, case-insensitively ({@code group}, {@code GROUP}). */
    @com.fasterxml.jackson.annotation.JsonCreator
    public static FsyncPolicy of(String value) {
        for (FsyncPolicy p : values()) {
            if (p.name().equalsIgnoreCase(value)) {
                return p;
            }
        }
        throw new IllegalArgumentException("'" + value + "' is not one of always, group, none");
    }
}
