package io.sunsync.sim.power;

import io.sunsync.sim.scenario.Scenario;

/**
 * The electrical power system's state and energy flows: array, battery, main bus. Each step
 * the bus must balance: array power delivered + battery discharge = loads + battery charge.
 * Surplus array power charges the battery (up to its charge-rate limit and capacity) and the
 * rest is curtailed by the shunt regulator; a deficit is drawn from the battery. When the
 * battery cannot cover the deficit (empty, or past its discharge-rate limit) the bus voltage
 * collapses and the undervoltage protection sheds the switchable loads (the boards): a
 * brown-out. If even the essential loads cannot be carried, what is missing is unserved.
 * Totals of every flow are kept so the energy balance can be checked.
 *
 * <p>Owned by one {@code SimSatellite}; confined to its thread.
 */
public final class ElectricalPowerSystem {
    /** What the last step ended in. */
    public enum BusOutcome {
        /** All loads carried. */
        NORMAL,
        /** The switchable loads were shed by undervoltage protection; essentials carried. */
        BROWN_OUT,
        /** Even the essential loads could not all be carried. */
        COLLAPSE
    }

    private final Scenario.Battery spec;
    private final Battery battery;
    private final double nominalV;
    private final int cellStringsTotal;
    private int cellStringsOnline;
    private double capacityWh;
    private double energyWh;

    // Flows of the last step, in W.
    private double availableW;
    private double deliveredW;
    private double curtailedW;
    private double loadW;
    private double boardsW;
    private double essentialW;
    private double unservedW;
    private double chargeW;
    private double dischargeW;
    private double busV;
    private BusOutcome outcome = BusOutcome.NORMAL;
    private boolean endedAtFull;

    // Totals, in Wh.
    private double totalAvailableWh;
    private double totalDeliveredWh;
    private double totalCurtailedWh;
    private double totalLoadWh;
    private double totalBoardsWh;
    private double totalEssentialWh;
    private double totalUnservedWh;
    private double totalChargeWh;
    private double totalDischargeWh;
    private double totalBatteryLossWh;
    private double totalCellLossWh;
    private double totalResistiveLossWh;
    private final double initialEnergyWh;

    public ElectricalPowerSystem(Scenario.Battery spec, double nominalV) {
        this.spec = spec;
        this.battery = new Battery(spec, nominalV);
        this.nominalV = nominalV;
        this.cellStringsTotal = spec.cellStrings();
        this.cellStringsOnline = cellStringsTotal;
        this.capacityWh = spec.capacityWh();
        this.energyWh = capacityWh * spec.initialSocPct() / 100.0;
        this.initialEnergyWh = energyWh;
        this.busV = nominalV;
    }

    /**
     * Balances the bus for {@code dtS} seconds.
     *
     * @param availW     array output available at the maximum power point, in W
     * @param essentialW loads that are always on (housekeeping, pumps, heaters), in W
     * @param boardsW    switchable loads (the boards), in W
     * @return the outcome; on {@link BusOutcome#BROWN_OUT} the boards drew nothing this step
     */
    public BusOutcome step(double dtS, double availW, double essentialW, double boardsW) {
        double hours = dtS / 3600.0;
        double etaC = spec.chargeEfficiency();
        double etaD = spec.dischargeEfficiency();
        double soc = capacityWh > 0 ? energyWh / capacityWh : 0;
        double ocV = battery.openCircuitV(soc);
        double rOhm = battery.resistanceOhm(cellStringsOnline);
        // The most the battery gives the bus this step: its rate limit, the cells' maximum power point
        // (V²/4R), and what it holds (the charge it can move, I·h ≤ E / V_oc).
        double iEnergyA = energyWh / hours / ocV;
        double iPeakA = rOhm > 0 ? ocV / (2 * rOhm) : Double.POSITIVE_INFINITY;
        double iMaxA = Math.min(iEnergyA, iPeakA);
        double deliverableW = Math.min(spec.maxDischargeW(), (ocV * iMaxA - rOhm * iMaxA * iMaxA) * etaD);
        double unserved = 0;
        BusOutcome result = BusOutcome.NORMAL;
        double load = essentialW + boardsW;
        if (load > availW + deliverableW) {
            result = BusOutcome.BROWN_OUT;
            boardsW = 0;
            load = essentialW;
            if (load > availW + deliverableW) {
                result = BusOutcome.COLLAPSE;
                unserved = load - availW - deliverableW;
                load = availW + deliverableW;
            }
        }
        double charge = 0;
        double discharge = 0;
        double currentA = 0;
        double delivered;
        boolean full = false;
        if (availW >= load) {
            // Room: the cells store V_oc·I (the rest of the terminal power heats the resistance).
            double iRoomA = (capacityWh - energyWh) / hours / ocV;
            double roomW = (ocV * iRoomA + rOhm * iRoomA * iRoomA) / etaC;
            charge = Math.max(0, Math.min(availW - load, Math.min(battery.acceptanceW(soc, capacityWh), roomW)));
            full = charge >= roomW; // the charger has brought the battery to full (or holds it there)
            currentA = Battery.chargeCurrentA(charge * etaC, ocV, rOhm);
            delivered = load + charge;
        } else {
            discharge = Math.min(load - availW, deliverableW);
            currentA = -Battery.dischargeCurrentA(discharge / etaD, ocV, rOhm);
            delivered = availW;
        }
        double resistiveW = rOhm * currentA * currentA;
        double storedW = ocV * currentA; // into the cells (+) or out of them (−)
        energyWh = full ? capacityWh : Math.max(0.0, Math.min(capacityWh, energyWh + storedW * hours));
        this.endedAtFull = full;
        this.availableW = availW;
        this.deliveredW = delivered;
        this.curtailedW = availW - delivered;
        this.loadW = load;
        this.boardsW = boardsW;
        this.essentialW = load - boardsW;
        this.unservedW = unserved;
        this.chargeW = charge;
        this.dischargeW = discharge;
        this.outcome = result;
        this.busV = result != BusOutcome.NORMAL ? 0.7 * nominalV
                : discharge <= 0 ? nominalV // shunt-regulated in sunlight
                : ocV + rOhm * currentA; // battery-dominated bus in eclipse: V_oc less the drop across R
        totalAvailableWh += availW * hours;
        totalDeliveredWh += delivered * hours;
        totalCurtailedWh += (availW - delivered) * hours;
        totalLoadWh += load * hours;
        totalBoardsWh += boardsW * hours;
        totalEssentialWh += (load - boardsW) * hours;
        totalUnservedWh += unserved * hours;
        totalChargeWh += charge * hours;
        totalDischargeWh += discharge * hours;
        totalBatteryLossWh += (charge * (1 - etaC) + discharge * (1 / etaD - 1) + resistiveW) * hours;
        totalResistiveLossWh += resistiveW * hours;
        return result;
    }

    /**
     * Loses {@code count} cell strings with their share of capacity and stored energy.
     *
     * @return the share of capacity kept (1 when none was lost)
     */
    public double loseCellStrings(int count) {
        int lost = Math.min(count, cellStringsOnline);
        if (lost <= 0) {
            return 1.0;
        }
        double keep = (double) (cellStringsOnline - lost) / cellStringsOnline;
        totalCellLossWh += energyWh * (1 - keep);
        energyWh *= keep;
        capacityWh *= keep;
        cellStringsOnline -= lost;
        return keep;
    }

    /** True when the battery was full at the end of the last step with the charger holding it there (surplus available). */
    public boolean endedAtFull() {
        return endedAtFull;
    }

    public double energyWh() {
        return energyWh;
    }

    public double capacityWh() {
        return capacityWh;
    }

    public double socPct() {
        return capacityWh > 0 ? 100.0 * energyWh / capacityWh : 0.0;
    }

    /** Energy at the depth-of-discharge floor of the battery as it is now, in Wh. */
    public double floorWh() {
        return capacityWh * spec.floorPct() / 100.0;
    }

    public Scenario.Battery spec() {
        return spec;
    }

    public int cellStringsOnline() {
        return cellStringsOnline;
    }

    public double availableW() {
        return availableW;
    }

    public double deliveredW() {
        return deliveredW;
    }

    public double curtailedW() {
        return curtailedW;
    }

    public double loadW() {
        return loadW;
    }

    public double boardsW() {
        return boardsW;
    }

    public double essentialW() {
        return essentialW;
    }

    public double unservedW() {
        return unservedW;
    }

    /** Battery power at the bus, in W: + charging, − discharging. */
    public double batteryW() {
        return chargeW - dischargeW;
    }

    public double busV() {
        return busV;
    }

    public BusOutcome outcome() {
        return outcome;
    }

    /** Totals since the start, in Wh. */
    public EnergyTotals totals() {
        return new EnergyTotals(totalAvailableWh, totalDeliveredWh, totalCurtailedWh, totalLoadWh, totalBoardsWh,
                totalEssentialWh, totalUnservedWh, totalChargeWh, totalDischargeWh, totalBatteryLossWh,
                totalCellLossWh, initialEnergyWh, energyWh, totalResistiveLossWh);
    }
}
