package io.sunsync.flight.protect;

/** What made the fast power-protection path shed the boards. */
public enum ProtectionTrigger {
    /** The battery discharges at more than the trip share of its rate limit. */
    BATTERY_DISCHARGE,
    /** The array is falling fast enough that the discharge would pass the trip level within the projection. */
    ARRAY_COLLAPSE,
    /** The bus is below the undervoltage trip level. */
    BUS_UNDERVOLTAGE
}
