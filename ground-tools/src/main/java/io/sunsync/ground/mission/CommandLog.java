package io.sunsync.ground.mission;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Every telecommand the ground session sent, with what it was for, what the ground expected and
 * how it ended (its final verification report).
 *
 * <p>Thread safe.
 */
public final class CommandLog {
    /** What the ground expects of a command. */
    public enum Expect {
        /** It must end COMPLETED. */
        COMPLETED,
        /** It must be REJECTED (a forged or stale command): the satellite defends itself. */
        REJECTED
    }

    /**
     * One command.
     *
     * @param missionAt mission time of the satellite's latest frame when it was sent
     * @param name      the command
     * @param purpose   why the ground sent it
     * @param args      its arguments, as JSON text (abridged)
     * @param expect    what the ground expected
     * @param seq       its sequence number (-1 if nothing was sent)
     * @param armed     sent arm-then-execute (a critical command)
     * @param stage     its final stage (COMPLETED, REJECTED, FAILED), or NO_REPORT
     * @param reason    the reject or failure reason, or null
     * @param message   the final report's message
     * @param wallMs    wall-clock time from sending to the final report, in ms
     */
    public record Entry(Instant missionAt, String name, String purpose, String args, Expect expect, long seq,
                        boolean armed, String stage, String reason, String message, double wallMs) {
        /** True when it ended as the ground expected (for a rejection: with the expected reason, if one was named). */
        public boolean asExpected() {
            return expect == Expect.COMPLETED ? "COMPLETED".equals(stage) : "REJECTED".equals(stage);
        }
    }

    private final List<Entry> entries = new ArrayList<>();

    /** Adds an entry. */
    public synchronized void add(Entry e) {
        entries.add(e);
    }

    /** Every entry, in the order sent. */
    public synchronized List<Entry> entries() {
        return List.copyOf(entries);
    }
}
