package io.sunsync.sim.hil;

/** Why the HIL server refused a request (the {@code error.code} of a response). */
public enum HilError {
    /** The line is not a JSON object with an {@code op}, or an argument is missing or of the wrong type. */
    BAD_REQUEST,
    /** No such operation. */
    UNKNOWN_OP,
    /** No such board or loop. */
    UNKNOWN_DEVICE,
    /** The request line is longer than {@link HilServer#MAX_LINE_CHARS}. */
    LINE_TOO_LONG
}
