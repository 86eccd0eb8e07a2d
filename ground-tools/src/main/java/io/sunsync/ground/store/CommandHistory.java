package io.sunsync.ground.store;

import java.time.Instant;
import java.util.List;

/**
 * One command's life as its verification reports told it (PUS service 1: ACCEPTED, STARTED,
 * PROGRESS…, then COMPLETED or FAILED; or REJECTED).
 *
 * @param sat        satellite id
 * @param seq        the command's sequence number, or -1 when the satellite could not read it
 * @param name       the command's name, or null when it could not be read
 * @param originKind {@code ground}, {@code timetag} or {@code sequence}
 * @param originId   the time-tag id or sequence name, or null
 * @param first      mission time of its first report
 * @param last       mission time of its last report
 * @param outcome    the stage it ended in: COMPLETED, FAILED or REJECTED; or the last stage so far
 *                   (ACCEPTED, STARTED, PROGRESS) while it is not final
 * @param reason     the reject or failure reason, or null
 * @param message    the last report's message
 * @param stages     every report's stage, in order
 */
public record CommandHistory(String sat, long seq, String name, String originKind, String originId, Instant first,
                             Instant last, String outcome, String reason, String message, List<Stage> stages) {
    public CommandHistory {
        stages = List.copyOf(stages);
    }

    /**
     * One verification report.
     *
     * @param t         its mission time
     * @param stage     ACCEPTED, REJECTED, STARTED, PROGRESS, COMPLETED or FAILED
     * @param reason    reason code, or null
     * @param duplicate true when it answered a redelivered copy
     */
    public record Stage(Instant t, String stage, String reason, boolean duplicate) {
    }

    /** True once COMPLETED, FAILED or REJECTED. */
    public boolean isFinal() {
        return outcome.equals("COMPLETED") || outcome.equals("FAILED") || outcome.equals("REJECTED");
    }
}
