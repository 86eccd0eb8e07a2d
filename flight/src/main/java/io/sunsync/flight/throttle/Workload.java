package io.sunsync.flight.throttle;

import java.util.Set;

/**
 * The throttler's port to the job runner: how much the work waiting for each board is worth,
 * and notice when a board is switched off or on for power or thermal reasons (so its job can
 * be checkpointed and suspended, or resumed). Called on the control thread.
 */
public interface Workload {

    /** Priority weight of the work on {@code boardId}; 0 when it has none (the board can be off). */
    double weight(String boardId);

    /**
     * The name {@code boardId} shares with the boards its work needs together with it (a job on
     * several boards: with one of them off it is suspended, and the others do nothing), or null when
     * its work needs no other board. The throttler switches such boards on and off together.
     */
    default String gang(String boardId) {
        return null;
    }

    /** The throttler switched {@code boardId} off ({@code reason}: POWER or THERMAL). */
    default void boardShed(String boardId, String reason) {
    }

    /**
     * These boards will be switched off when the coming eclipse starts (in about
     * {@code checkpointLeadS}): their jobs should checkpoint now, while there is power to do it.
     */
    default void boardsAboutToBeShed(Set<String> boardIds) {
    }

    /** The throttler switched {@code boardId} back on. */
    default void boardRestored(String boardId) {
    }

    /** Every board always has work of weight 1 (a saturated synthetic load). */
    static Workload everyBoardBusy() {
        return boardId -> 1.0;
    }
}
