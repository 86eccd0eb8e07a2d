package io.sunsync.ground.store;

/** Why a received frame was not stored as telemetry but kept in quarantine. */
public enum QuarantineReason {
    /** The topic is not {@code sunsync/{sat}/…} or names an unusable satellite id. */
    BAD_TOPIC,
    /** The payload is not JSON (or not UTF-8). */
    NOT_JSON,
    /** The payload fails its ICD JSON Schema (docs/icd/schemas). */
    SCHEMA_VIOLATION,
    /** The payload's {@code sat} is not the satellite of its topic. */
    SATELLITE_MISMATCH,
    /** The mission time {@code t} is not an ISO-8601 instant. */
    BAD_TIME,
    /** The payload holds what the database cannot store (a NUL character). */
    UNSTORABLE,
    /** The database refused the frame when stored on its own (see the detail). */
    STORE_REJECTED,
    /** Telemetry authentication: the frame carries no MAC ({@code kid}, {@code mac}, {@code stream}, {@code seq}). */
    UNSIGNED,
    /** Telemetry authentication: the profile has no telemetry key for the frame's satellite. */
    NO_KEY,
    /** Telemetry authentication: signed with a key id the satellite's telemetry key file does not hold. */
    UNKNOWN_KEY,
    /** Telemetry authentication: the MAC does not verify (forged or altered). */
    BAD_MAC,
    /** Telemetry authentication: an authentic frame whose sequence number is too old on its stream (a replay). */
    REPLAYED
}
