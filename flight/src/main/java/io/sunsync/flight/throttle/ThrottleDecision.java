package io.sunsync.flight.throttle;

/**
 * What the throttler decided on one tick and why, for housekeeping telemetry.
 *
 * @param budget          the power budget and its terms
 * @param allocatedW      sum of the caps set, in W
 * @param binding         what limited the allocation: {@code POWER}, {@code BOARD_LIMITS}, {@code NO_WORK}
 * @param boardsOn        boards switched on
 * @param thermalLimited  boards whose cap was lowered by the thermal governor
 * @param marginalPerKw   weighted throughput gained per extra kW at the margin
 * @param expectedValue   priority-weighted throughput expected at these caps (board-max units)
 */
public record ThrottleDecision(PowerBudget budget, double allocatedW, String binding, int boardsOn,
                               int thermalLimited, double marginalPerKw, double expectedValue) {
}
