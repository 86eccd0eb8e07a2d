package io.sunsync.hal.nav;

/** What kind of solution a navigation receiver has (as NMEA GSA / UBX-NAV-PVT report it). */
public enum FixType {
    /** No solution. */
    NONE,
    /** Position in two dimensions only (altitude assumed): no use for an orbit. */
    TWO_D,
    /** Full position, velocity and time. */
    THREE_D
}
