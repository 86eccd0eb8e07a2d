package io.sunsync.sim.fault;

/** What an injected fault does. Scripted in a scenario's {@code faults} list or drawn at random. */
public enum FaultKind {
    /** A single-event upset hangs a board ({@code target}: board id): it stops working until reset. */
    BOARD_HANG,
    /** An uncorrectable memory error on a board ({@code target}: board id); the board keeps running. */
    BOARD_ECC_ERROR,
    /** A board fails for good ({@code target}: board id); resets do not recover it. */
    BOARD_FAILURE,
    /** A loop's pump stops moving fluid ({@code target}: loop name, e.g. {@code loop-a}). */
    PUMP_FAILURE,
    /** {@code count} solar array strings are lost (open circuit). */
    STRING_LOSS,
    /** {@code count} battery cell strings are lost, with their capacity and stored energy. */
    BATTERY_CELL_LOSS,
    /** A sensor ({@code target}: sensor key) reads NaN for {@code durationS}. */
    SENSOR_NAN,
    /** A sensor freezes at its current value for {@code durationS}. */
    SENSOR_STUCK,
    /** A sensor adds Gaussian noise of standard deviation {@code value} for {@code durationS}. */
    SENSOR_NOISE,
    /** A sensor reads {@code value} (outside its physical range) for {@code durationS}. */
    SENSOR_OUT_OF_RANGE,
    /** The ground link is unavailable for {@code durationS}. */
    LINK_OUTAGE,
    /** A solar particle event multiplies upset rates by {@code value} for {@code durationS}. */
    SOLAR_PARTICLE_EVENT
}
