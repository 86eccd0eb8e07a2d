package io.sunsync.ground.profile;

/** Why a connection profile was refused. */
public enum ProfileError {
    /** The profile file named by {@code --profile} or {@code SUNSYNC_GROUND_PROFILE} does not exist. */
    NOT_FOUND,
    /** The file exists but cannot be read. */
    UNREADABLE,
    /** Not valid YAML. */
    MALFORMED,
    /** A key the profile does not know (a typo is never ignored). */
    UNKNOWN_KEY,
    /** A required key is missing. */
    MISSING,
    /** A value of the wrong type or out of its allowed set. */
    INVALID,
    /** A secret's file or environment variable cannot be read or is empty. */
    SECRET_UNAVAILABLE
}
