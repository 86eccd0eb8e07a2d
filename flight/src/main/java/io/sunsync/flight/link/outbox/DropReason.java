package io.sunsync.flight.link.outbox;

/** Why the outbox gave up on messages. Every drop is counted per stream and reported. */
public enum DropReason {
    /** Storage bound reached: the oldest messages of the lowest priority made room (or the new one was refused). */
    STORAGE_FULL,
    /** The message is larger than a segment. */
    OVERSIZE,
    /** Writing to disk failed (disk full, I/O error). */
    IO_ERROR,
    /** Its MQTT 5 message expiry passed while it waited in the outbox. */
    EXPIRED,
    /** The broker answered the publish with an error reason code (e.g. 0x87 not authorized). */
    REFUSED_BY_BROKER,
    /** The stored record could not be read back (disk corruption after the write). */
    UNREADABLE,
    /** Sent after the outbox was closed (flight stopping). */
    CLOSED,
    /**
     * Found missing when the outbox reopened: numbered, never stored, and the record of the drop
     * was lost too (flight died while the disk was full, before its counters could be saved).
     */
    UNRECORDED
}
