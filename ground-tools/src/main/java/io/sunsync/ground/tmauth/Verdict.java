package io.sunsync.ground.tmauth;

/** What the {@link TelemetryVerifier} found a received message to be. */
public enum Verdict {
    /** The MAC verifies under one of the satellite's telemetry keys and its sequence number is new: the satellite said it. */
    AUTHENTIC,
    /**
     * Authentic, but its sequence number was seen already: a QoS 1 redelivery, a retained copy
     * delivered again, or a replay of something already received. Nothing new; not an alarm.
     */
    DUPLICATE,
    /** No MAC ({@code kid}, {@code mac}, {@code stream} or {@code seq} missing): anyone could have sent it. */
    UNSIGNED,
    /** The profile has no telemetry key for this satellite: it cannot be checked. */
    NO_KEY,
    /** Signed with a key id the satellite's telemetry key file does not hold. */
    UNKNOWN_KEY,
    /** The MAC does not verify (or is malformed): forged or altered. */
    BAD_MAC,
    /**
     * Authentic, but its sequence number is older than the window of recent numbers below the
     * highest seen on its stream: a replay of an old message (it cannot be told from one).
     */
    REPLAYED;

    /** True when the message may be shown as the satellite's state. */
    public boolean shown() {
        return this == AUTHENTIC;
    }

    /** True for a refusal an operator must hear of: forged, replayed, unsigned or uncheckable. */
    public boolean refused() {
        return this != AUTHENTIC && this != DUPLICATE;
    }
}
