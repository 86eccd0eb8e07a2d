package io.sunsync.flight.actuate;

import io.sunsync.hal.HalFault;

/**
 * What became of one command of a {@link BoardPlan}.
 *
 * @param boardId    the board
 * @param command    the command
 * @param origin     who asked ({@link BoardPlan#origin()})
 * @param status     ran and succeeded, ran and failed, or never ran (replaced by a newer plan)
 * @param fault      why it failed ({@code null} unless {@link Status#FAILED})
 * @param latencyMs  how long the device call took, in ms (0 when it never ran)
 * @param startNanos {@link System#nanoTime()} when the call began (0 when it never ran)
 */
public record CommandOutcome(String boardId, BoardCommand command, String origin, Status status, HalFault fault,
                             double latencyMs, long startNanos) {

    /** What became of a command. */
    public enum Status {
        /** Ran; the board reports it took effect. */
        OK,
        /** Ran; the board refused it, it did not verify, or it timed out in the backend. */
        FAILED,
        /** Never ran: a newer plan for the board replaced it while it waited. */
        SUPERSEDED
    }

    /** True when it ran and took effect. */
    public boolean ok() {
        return status == Status.OK;
    }
}
