package io.sunsync.flight.link.outbox;

/**
 * A stretch of a segment file that recovery could not read as records and skipped.
 *
 * @param segment      the segment file name
 * @param offset       where the damage starts, in bytes from the start of the file
 * @param lengthBytes  how many bytes were skipped
 * @param kind         what it was
 */
public record Damage(String segment, long offset, long lengthBytes, Kind kind) {

    /** What recovery found. */
    public enum Kind {
        /** The file ends inside a record: the last append was cut short (crash, power loss). Dropped. */
        TORN_TAIL,
        /** Bytes between valid records that are not a valid record (bit rot, a torn overwrite). Skipped. */
        CORRUPT_RECORDS,
        /** The segment header is not an outbox header; records after it were still looked for. */
        BAD_HEADER
    }
}
