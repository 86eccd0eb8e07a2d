package io.sunsync.hal.accel;

/** Why the hardware is holding a board's clocks down (after nvidia-smi's clocks_event_reasons). */
public enum ThrottleReason {
    /** Nothing to run. */
    IDLE,
    /** Held at the software power cap. */
    POWER_CAP,
    /** Hardware slowdown (power brake or over-temperature signal). */
    HW_SLOWDOWN,
    /** Hardware thermal slowdown. */
    HW_THERMAL,
    /** Driver thermal slowdown. */
    SW_THERMAL
}
