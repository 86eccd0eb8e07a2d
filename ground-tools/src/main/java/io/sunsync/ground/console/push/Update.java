package io.sunsync.ground.console.push;

import java.util.Objects;

/**
 * One item for the browsers, serialised once for all of them.
 *
 * @param key  what it updates (e.g. {@code fleet:sat-001}, {@code alarm:7}, {@code link})
 * @param json the item as a JSON object (its {@code "k"} field says its kind)
 * @param kind how a page's queue treats it: a {@link Kind#STATE} replaces the one still waiting
 *             under its key, a {@link Kind#SEQUENCE} member waits in line behind the others
 */
public record Update(String key, String json, Kind kind) {
    /** How a page's queue treats an update. */
    public enum Kind {
        /** The latest value of something (a fleet row, an alarm, a command's stages): a newer one replaces it; that is a drop. */
        STATE,
        /** A member of a sequence (a satellite's frames for its charts, events): kept in order, the oldest dropped when full. */
        SEQUENCE,
        /** A status only the latest of matters (the link's state): replacing it is no drop. */
        STATUS
    }

    public Update {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(json, "json");
        Objects.requireNonNull(kind, "kind");
    }

    /** A state update. */
    public Update(String key, String json) {
        this(key, json, Kind.STATE);
    }

    /** A status update: only its latest value matters, replacing it drops nothing. */
    public static Update status(String key, String json) {
        return new Update(key, json, Kind.STATUS);
    }

    /** A member of a sequence: kept in order. */
    public static Update sequence(String key, String json) {
        return new Update(key, json, Kind.SEQUENCE);
    }

    /** True for what the page would miss if it were dropped (states and sequence members). */
    public boolean data() {
        return kind != Kind.STATUS;
    }
}
