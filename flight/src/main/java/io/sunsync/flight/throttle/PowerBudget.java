package io.sunsync.flight.throttle;

/**
 * One tick's power budget for the accelerator boards, with the terms it came from so the
 * decision can be explained in telemetry. Powers in W, energies in Wh.
 *
 * @param arrayAvailableW   what the array can deliver now
 * @param housekeepingW     bus load that is not the boards (avionics, thermal control), estimated
 * @param batteryW          what the plan takes from the battery (+) or puts into it (−)
 * @param boardsW           the resulting budget for all boards together (≥ 0)
 * @param usableBatteryWh   battery energy above the floor plus margin
 * @param horizonS          the horizon the battery term is spread over (time to the next eclipse or to its end)
 * @param forecastKnown     whether the eclipse forecast backed the plan (false: worst case assumed)
 * @param binding           the term that limited the budget: {@code ARRAY}, {@code RECHARGE}, {@code PRE_ECLIPSE}, {@code BATTERY}, {@code FLOOR}, {@code PROTECTION_HOLD} (after a fast protection trip), {@code DISCHARGE_RATE} (the measured discharge above the plan's share of the battery's limit), {@code ECLIPSE_TAIL} (the shadow's budget held through the sunrise, {@code eclipseTailS}), {@code ECLIPSE_ENTRY} (the eclipse plan through the predicted entry penumbra)
 */
public record PowerBudget(double arrayAvailableW, double housekeepingW, double batteryW, double boardsW,
                          double usableBatteryWh, double horizonS, boolean forecastKnown, String binding) {
}
