package io.sunsync.hal.accel;

/** The operational state of an accelerator board as the hardware reports it. */
public enum BoardState {
    /** Powered and accepting work. */
    ENABLED,
    /** Powered down or administratively disabled. */
    DISABLED,
    /** Not responding; needs a reset. */
    HUNG,
    /** A reset is in progress. */
    RESETTING,
    /** Permanently failed (resets did not recover it). */
    FAILED
}
