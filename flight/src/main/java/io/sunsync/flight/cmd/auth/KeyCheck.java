package io.sunsync.flight.cmd.auth;

/** The result of checking a command's MAC against the key ring. */
public enum KeyCheck {
    /** Signed with the active key; the MAC verifies. */
    OK,
    /** The key id is not the active key (never loaded, or loaded but not yet activated). */
    UNKNOWN_KEY,
    /** The key id was retired by a rotation. */
    KEY_REVOKED,
    /** The MAC does not verify under the active key. */
    BAD_MAC
}
