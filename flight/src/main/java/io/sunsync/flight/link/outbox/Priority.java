package io.sunsync.flight.link.outbox;

/**
 * Downlink priority of a stream, highest first. The outbox drains {@link #HIGH} before
 * {@link #NORMAL} before {@link #LOW} (FIFO within a priority), and when storage is full it drops
 * the oldest messages of the lowest priority first.
 */
public enum Priority {
    /** Events and command verification reports. */
    HIGH,
    /** Housekeeping telemetry and everything not classified otherwise. */
    NORMAL,
    /** Bulk data: result files in chunks. Re-creatable from the results store, so dropped first. */
    LOW;

    /** The file-name prefix of this priority's segment files. */
    String fileTag() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
