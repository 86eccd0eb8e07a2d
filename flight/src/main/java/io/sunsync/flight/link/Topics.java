package io.sunsync.flight.link;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The topic tree of one satellite, as in {@code docs/icd/topics.md}: everything lives under
 * {@code sunsync/{sat}/}.
 */
public final class Topics {
    /** Satellite ids are used in topic names, so no '/', '+', '#' or spaces. */
    public static final Pattern SATELLITE_ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,31}");

    private final String root;

    /** @param satelliteId the satellite's id, matching {@link #SATELLITE_ID} */
    public Topics(String satelliteId) {
        Objects.requireNonNull(satelliteId, "satelliteId");
        if (!SATELLITE_ID.matcher(satelliteId).matches()) {
            throw new IllegalArgumentException("satellite id '" + satelliteId + "' must match " + SATELLITE_ID);
        }
        this.root = "sunsync/" + satelliteId + "/";
    }

    /** Retained presence: {@code online} birth, {@code offline} last will. */
    public String birth() {
        return root + "birth";
    }

    /** Housekeeping telemetry frames. */
    public String housekeeping() {
        return root + "tm/hk";
    }

    /** Events. */
    public String events() {
        return root + "evt";
    }

    /** A topic under this satellite's root, e.g. {@code tc/ack}. */
    public String under(String suffix) {
        return root + suffix;
    }
}
