package io.sunsync.flight.actuate;

import java.time.Instant;

/**
 * What one {@link BoardActuator#shedAll} achieved within its budget.
 *
 * @param at        mission time of the shed
 * @param reason    why (from the caller)
 * @param boards    boards asked to reach their safe state
 * @param shed      boards whose disable took effect within the budget
 * @param failed    boards whose disable failed within the budget (reported as events)
 * @param pending   boards still waiting or running when the budget ran out (they go on)
 * @param elapsedMs wall time from the call until every board finished, or until the budget ran out, in ms
 */
public record ShedReport(Instant at, String reason, int boards, int shed, int failed, int pending, double elapsedMs) {

    /** True when every board reached its safe state within the budget. */
    public boolean complete() {
        return shed == boards;
    }
}
