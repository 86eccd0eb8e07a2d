package io.sunsync.ground.telemetry;

/** How a telemetry value stands against its limits. Ordered from best to worst. */
public enum Level {
    /** Inside its limits (or a point without limits). */
    NOMINAL,
    /** Outside its warning limits, inside its alarm limits; or no valid reading (NaN). */
    WARNING,
    /** Outside its alarm limits. */
    ALARM;

    /** The worse of the two. */
    public Level worst(Level other) {
        return other.ordinal() > ordinal() ? other : this;
    }
}
