package io.sunsync.hal;

/**
 * How far a reading can be trusted. Ordered from best to worst, so the quality of a
 * composite reading is the worst of its parts ({@link #worse(Quality)}).
 */
public enum Quality {
    /** Fresh, parsed and within physical bounds. */
    GOOD,
    /** Parsed and plausible but not updated within the expected period (or stuck). */
    STALE,
    /** Parsed but outside the physical bounds declared for the quantity. */
    OUT_OF_RANGE,
    /** Missing, unreadable, unparsable or NaN: the value carried is not to be used. */
    FAILED;

    /** The worse of this quality and {@code other}. */
    public Quality worse(Quality other) {
        return other.ordinal() > ordinal() ? other : this;
    }

    /** True when the value may be used for control (GOOD or STALE). */
    public boolean usable() {
        return this == GOOD || this == STALE;
    }
}
