package io.sunsync.sim.truth;

/** A limit the hardware suffers when it is crossed, as recorded in the truth record. */
public enum ViolationKind {
    /** Battery state of charge below the depth-of-discharge floor (worst: lowest SoC, %). */
    BATTERY_BELOW_FLOOR,
    /** Battery fully discharged (worst: 0 %). */
    BATTERY_EMPTY,
    /** Bus undervoltage: the boards' power was shed because the battery could not carry the load. */
    BROWN_OUT,
    /** Even housekeeping could not be carried: essential load went unserved (worst: unserved W). */
    BUS_COLLAPSE,
    /** A board at or above its hardware slowdown temperature (worst: hottest °C). */
    BOARD_THERMAL_SLOWDOWN,
    /** A board reached its shutdown temperature and powered itself off (worst: °C). */
    BOARD_THERMAL_SHUTDOWN,
    /** A loop's fluid above its maximum temperature (worst: °C). */
    LOOP_OVER_TEMPERATURE,
    /** A loop's fluid below its minimum (freezing margin) temperature (worst: coldest °C). */
    LOOP_UNDER_TEMPERATURE
}
