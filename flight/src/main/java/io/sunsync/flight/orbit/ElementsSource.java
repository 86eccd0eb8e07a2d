package io.sunsync.flight.orbit;

/** Where the elements flown on board came from. */
public enum ElementsSource {
    /** Uplinked by the ground ({@code orbit.elements}). */
    UPLINK,
    /** Fitted on board to the navigation receiver's fixes. */
    GNSS_FIT
}
