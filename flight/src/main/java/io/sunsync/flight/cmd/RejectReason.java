package io.sunsync.flight.cmd;

/** Why a telecommand was refused before it did anything (the REJECTED report's reason). */
public enum RejectReason {
    /** Payload larger than {@code commanding.maxPayloadBytes}. */
    OVERSIZED,
    /** Not JSON, not UTF-8 JSON, duplicate keys, or a field that cannot be read. */
    MALFORMED,
    /** Valid JSON that does not match the envelope, command or argument schema. */
    SCHEMA_VIOLATION,
    /** Signed with a key id that is not the active key. */
    UNKNOWN_KEY,
    /** Signed with a key retired by a key rotation. */
    KEY_REVOKED,
    /** The MAC does not verify. */
    BAD_MAC,
    /** Signed for another satellite. */
    WRONG_SATELLITE,
    /** Sequence number already used, or older than the anti-replay window. */
    REPLAY,
    /** Past its {@code expires} (mission time). */
    EXPIRED,
    /** Before its {@code notBefore} (mission time). */
    NOT_YET_VALID,
    /** No such command in the dictionary. */
    UNKNOWN_COMMAND,
    /** An argument outside its range or set of values. */
    ARG_OUT_OF_RANGE,
    /** The command is not allowed in the current mode. */
    NOT_ALLOWED_IN_MODE,
    /** A critical command without a valid, unexpired, matching arm token. */
    NOT_ARMED,
    /** The anti-replay counter could not be persisted, so the command may not act. */
    STORAGE_FAILURE,
    /** The control-loop command queue is full. */
    BUSY
}
