package io.sunsync.ground.command;

/** Why the ground refused to send a command (exit code 10), before anything left the station. */
public enum Refusal {
    /** The satellite published no dictionary, so nothing can be checked. */
    NO_DICTIONARY,
    /** The command is not in the satellite's dictionary. */
    UNKNOWN_COMMAND,
    /** An argument the command does not take. */
    UNKNOWN_ARGUMENT,
    /** A required argument is missing. */
    MISSING_ARGUMENT,
    /** An argument of the wrong type or form (not a number, bad pattern, malformed JSON). */
    BAD_ARGUMENT,
    /** An argument outside its range, length or allowed values. */
    OUT_OF_RANGE,
    /** The command is not allowed in the satellite's current mode. */
    NOT_ALLOWED_IN_MODE,
    /** No command key for the satellite (profile {@code satellites.SAT.keyFile}) or it cannot be read. */
    NO_KEY,
    /** The sequence number store cannot be read or written. */
    SEQUENCE_STORE
}
