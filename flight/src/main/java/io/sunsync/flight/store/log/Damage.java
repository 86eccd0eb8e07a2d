package io.sunsync.flight.store.log;

import java.util.Objects;

/**
 * A stretch of a log file that could not be used: what was found, where, and how many bytes were
 * skipped or dropped because of it.
 *
 * @param file         the file's name, for the report
 * @param kind         what was found
 * @param offset       where the stretch starts, in bytes from the start of the file
 * @param lengthBytes  how many bytes were skipped (or dropped, for a torn tail)
 * @param detail       why, in a few words (e.g. {@code "bad frame skipped (CRC mismatch)"})
 */
public record Damage(String file, Kind kind, long offset, long lengthBytes, String detail) {
    public Damage {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(detail, "detail");
        if (offset < 0 || lengthBytes < 0) {
            throw new IllegalArgumentException("offset and length must be >= 0, were " + offset + ", " + lengthBytes);
        }
    }

    /** What was found. The scan reports the first three; the last two are for the file's owner. */
    public enum Kind {
        /**
         * The file ends in an incomplete frame or in bytes that are no frame: an append cut short by
         * a crash or a power loss, or garbage appended. Dropped: the file is cut back to the end of
         * its last good frame so that new frames follow good data.
         */
        TORN_TAIL,
        /** Bytes between good frames that are not a good frame (bit rot, a torn overwrite). Skipped. */
        CORRUPT_RECORDS,
        /** The file does not start with its format's header; the frames after it are still read. */
        BAD_HEADER,
        /** A frame whose CRC is right but whose content its owner cannot decode. Skipped. */
        UNDECODABLE_RECORD,
        /** Every frame is good but the file is incomplete as a whole (a snapshot without its end marker). */
        INCOMPLETE_FILE
    }
}
