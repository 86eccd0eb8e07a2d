package io.sunsync.flight.cmd;

/**
 * Where an execution came from.
 *
 * @param kind {@code ground}, {@code timetag} or {@code sequence}
 * @param id   time-tag id or sequence name; null for ground
 */
public record Origin(String kind, String id) {
    /** A command from the ground, executed on receipt. */
    public static final Origin GROUND = new Origin("ground", null);

    /** A time-tagged command released at its time. */
    public static Origin timeTag(long id) {
        return new Origin("timetag", Long.toString(id));
    }

    /** A step of a stored command sequence. */
    public static Origin sequence(String name) {
        return new Origin("sequence", name);
    }
}
