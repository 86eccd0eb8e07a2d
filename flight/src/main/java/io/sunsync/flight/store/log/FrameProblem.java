package io.sunsync.flight.store.log;

/** Why the bytes at a position are not a good frame, in the order they are checked. */
public enum FrameProblem {
    /** Fewer bytes left than a frame header. */
    TRUNCATED_HEADER("truncated frame header"),
    /** The first four bytes are not the format's record magic. */
    BAD_MAGIC("bad magic"),
    /** The length field is outside the format's bounds. */
    IMPLAUSIBLE_LENGTH("implausible length"),
    /** The length field names more bytes than there are. */
    TRUNCATED_PAYLOAD("truncated payload"),
    /** The stored CRC-32C does not match the bytes. */
    CRC_MISMATCH("CRC mismatch"),
    /** The frame checks out but its owner's decoder refused the payload. */
    MALFORMED_PAYLOAD("malformed payload");

    private final String text;

    FrameProblem(String text) {
        this.text = text;
    }

    /** A few words for reports and logs. */
    public String text() {
        return text;
    }
}
