package io.sunsync.orbit;

/** How a set of mean elements was written. */
public enum ElementFormat {
    /** A two-line element set (NORAD format, optionally after a title line). */
    TLE,
    /** A CCSDS Orbit Mean-Elements Message (CCSDS 502.0-B-3) in key = value notation. */
    OMM_KVN,
    /** A CCSDS Orbit Mean-Elements Message in XML. */
    OMM_XML
}
