package io.sunsync.flight.fdir;

/** Where a monitored value stands against its {@link Limits}. */
public enum LimitState {
    NOMINAL, YELLOW_LOW, YELLOW_HIGH, RED_LOW, RED_HIGH,
    /** The value is unusable (NaN, failed sensor): the monitor cannot judge it. */
    INVALID;

    /** True for the action bands. */
    public boolean red() {
        return this == RED_LOW || this == RED_HIGH;
    }
}
