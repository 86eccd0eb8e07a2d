package io.sunsync.ground.store;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * One satellite in a fleet snapshot: its newest housekeeping frame at or before the snapshot's
 * instant, with the points a fleet view shows first.
 *
 * @param sat       satellite id
 * @param t         mission time of the frame
 * @param seq       the frame's number
 * @param mode      flight mode ({@code mode}), or null
 * @param socPct    battery state of charge ({@code power.socPct}), %, NaN when absent or not a number
 * @param budgetW   the throttler's power budget ({@code control.budgetW}), W, NaN when absent
 * @param boardsOn  boards the throttler runs ({@code control.boardsOn}), -1 when absent
 * @param frame     the whole frame
 */
public record FleetEntry(String sat, Instant t, long seq, String mode, double socPct, double budgetW, int boardsOn,
                         JsonNode frame) {
}
