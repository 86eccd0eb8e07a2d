package io.sunsync.sim.power;

/**
 * Energy totals of a run, in Wh. Every joule the array could have delivered is load, battery
 * charge or curtailed; the battery's change is charge in minus discharge out minus its losses
 * (and any energy lost with failed cell strings).
 *
 * @param arrayAvailableWh  array output available at the maximum power point
 * @param arrayDeliveredWh  array output delivered to the bus
 * @param curtailedWh       available but not taken (shunted): available − delivered
 * @param loadWh            all loads carried
 * @param boardsWh          of which the boards
 * @param essentialWh       of which housekeeping, pumps and heaters
 * @param unservedWh        essential load that could not be carried (bus collapse)
 * @param batteryChargeWh   into the battery, bus side
 * @param batteryDischargeWh out of the battery, bus side
 * @param batteryLossWh     lost in charging and discharging: the converters' fixed efficiencies and the cells'
 *                          internal resistance
 * @param cellLossWh        stored energy lost with failed cell strings
 * @param batteryStartWh    stored at the start
 * @param batteryEndWh      stored now
 * @param batteryResistiveLossWh of {@code batteryLossWh}, what the cells' internal resistance turned to heat (I²R)
 */
public record EnergyTotals(double arrayAvailableWh, double arrayDeliveredWh, double curtailedWh, double loadWh,
                           double boardsWh, double essentialWh, double unservedWh, double batteryChargeWh,
                           double batteryDischargeWh, double batteryLossWh, double cellLossWh, double batteryStartWh,
                           double batteryEndWh, double batteryResistiveLossWh) {

    /**
     * What the balance fails to account for, in Wh: (available + battery drawn down) −
     * (load + curtailed + battery losses + cell losses). Zero up to rounding when energy is conserved.
     */
    public double balanceErrorWh() {
        double in = arrayAvailableWh + (batteryStartWh - batteryEndWh);
        double out = loadWh + curtailedWh + batteryLossWh + cellLossWh;
        return in - out;
    }
}
