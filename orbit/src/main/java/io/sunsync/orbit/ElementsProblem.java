package io.sunsync.orbit;

/**
 * Why a set of elements was refused. Software acts on the code; the detail that goes with it is
 * for operators.
 */
public enum ElementsProblem {
    /** Not a TLE or OMM: wrong line count or length, a field that does not parse, a key missing. */
    MALFORMED,
    /** A TLE line's checksum digit does not match its content. */
    BAD_CHECKSUM,
    /** A valid message SGP4 cannot fly: another mean-element theory, frame, time system or centre. */
    UNSUPPORTED,
    /** The elements are for another satellite (catalogue number). */
    WRONG_SATELLITE,
    /** The epoch lies in the future beyond the tolerance. */
    EPOCH_IN_FUTURE,
    /** The epoch is older than the maximum age. */
    TOO_OLD,
    /** The mean motion is outside what this satellite can fly. */
    IMPLAUSIBLE_MEAN_MOTION,
    /** The eccentricity is outside what this satellite can fly. */
    IMPLAUSIBLE_ECCENTRICITY,
    /** The inclination is outside what this satellite can fly. */
    IMPLAUSIBLE_INCLINATION,
    /** Propagating the elements failed (e.g. the orbit decays within the horizon). */
    PROPAGATION_FAILED
}
