package io.sunsync.flight.jobs.journal;

/**
 * Bytes of a journal or snapshot file that could not be used.
 *
 * @param kind         what kind of damage
 * @param offset       where it starts in the file, in bytes
 * @param lengthBytes  how long it is, in bytes
 * @param detail       a short explanation
 */
public record Damage(Kind kind, long offset, long lengthBytes, String detail) {

    /** Kinds of damage, each reported with its own event code. */
    public enum Kind {
        /** The end of the file is an incomplete frame or garbage: dropped (the file is truncated). */
        TORN_TAIL,
        /** A bad stretch inside the file, followed by good frames: skipped. */
        CORRUPT_FRAME,
        /** A frame whose checksum is right but whose content cannot be decoded: skipped. */
        UNDECODABLE_RECORD,
        /** The snapshot is incomplete (no end marker, wrong count) or damaged. */
        BAD_SNAPSHOT
    }
}
