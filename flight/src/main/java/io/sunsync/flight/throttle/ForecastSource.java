package io.sunsync.flight.throttle;

/**
 * Where an eclipse forecast comes from, in order of precedence: the throttler plans with the first
 * that covers the time asked about.
 */
public enum ForecastSource {
    /** The ground's eclipse ephemeris ({@code forecast.ephemeris}), while fresh. */
    GROUND,
    /** On-board propagation of the orbit elements (uplinked, or fitted to GNSS fixes). */
    ONBOARD,
    /** Extrapolated from the eclipses the satellite has observed. */
    LEARNED,
    /** Nothing covers the time: an eclipse of the worst-case length may begin at any moment. */
    WORST_CASE
}
