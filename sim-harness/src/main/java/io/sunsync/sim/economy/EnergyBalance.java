package io.sunsync.sim.economy;

import io.sunsync.sim.power.EnergyTotals;

/**
 * Where the energy the arrays collected went, in kWh: to compute (the boards), to housekeeping,
 * to heaters and pumps, into the battery (its net change), lost in the battery, or curtailed.
 * The rows add up to what was collected, up to {@link #errorKWh()} (rounding). Immutable.
 *
 * <p>The truth totals carry housekeeping, pumps and heaters as one essential load; housekeeping is
 * a constant draw, carried first, so it is {@code housekeepingW × elapsed} (less any essential load
 * left unserved) and the rest of the essential load is the heaters' and pumps'.
 *
 * @param collectedKWh    what the arrays could deliver at their maximum power point
 * @param computeKWh      drawn by the accelerator boards
 * @param housekeepingKWh avionics, attitude control, radios
 * @param heatersPumpsKWh loop pumps and heaters
 * @param storedKWh       the battery's net change (negative: the run ended with less stored than it began with)
 * @param batteryLossKWh  lost charging and discharging the battery, and with failed cell strings
 * @param curtailedKWh    collected but not taken (shunted)
 * @param unservedKWh     essential load that could not be carried (a shortfall, not a destination)
 * @param errorKWh        collected less the sum of the destinations (0 up to rounding)
 */
public record EnergyBalance(double collectedKWh, double computeKWh, double housekeepingKWh, double heatersPumpsKWh,
                            double storedKWh, double batteryLossKWh, double curtailedKWh, double unservedKWh,
                            double errorKWh) {

    /**
     * The balance of a run's totals.
     *
     * @param e             the run's energy totals
     * @param housekeepingW the constant housekeeping load, in W
     * @param elapsedS      the run's length, in s
     */
    public static EnergyBalance of(EnergyTotals e, double housekeepingW, double elapsedS) {
        double housekeepingWh = Math.min(e.essentialWh(), housekeepingW * elapsedS / 3600.0);
        double stored = e.batteryEndWh() - e.batteryStartWh();
        double losses = e.batteryLossWh() + e.cellLossWh();
        double sum = e.boardsWh() + e.essentialWh() + stored + losses + e.curtailedWh();
        return new EnergyBalance(e.arrayAvailableWh() / 1000, e.boardsWh() / 1000, housekeepingWh / 1000,
                (e.essentialWh() - housekeepingWh) / 1000, stored / 1000, losses / 1000, e.curtailedWh() / 1000,
                e.unservedWh() / 1000, (e.arrayAvailableWh() - sum) / 1000);
    }
}
