package io.sunsync.flight.throttle;

import io.sunsync.hal.HalFault;
import io.sunsync.hal.power.PowerReading;

/**
 * Battery energy for planning, robust to a bad gauge: the measured energy while it is finite,
 * unflagged and not judged stuck, else the state of charge times the capacity, otherwise the last good value carried forward by counting the battery's power (or,
 * if that is unreadable too, the bus power balance). Called on the control thread.
 */
final class BatteryEstimator {
    private double energyWh = Double.NaN;
    private boolean estimating;

    /**
     * @param capacityWh battery capacity, for a state of charge standing in for a bad energy gauge
     * @return battery energy to plan with, in Wh
     */
    double update(PowerReading p, boolean gaugeTrusted, double capacityWh, double boardsDrawW, double housekeepingW,
                  double dtS) {
        if (gaugeTrusted && HalFault.trusted(p.faults(), "batteryEnergyWh", p.batteryEnergyWh())) {
            energyWh = p.batteryEnergyWh();
            estimating = false;
            return energyWh;
        }
        if (HalFault.trusted(p.faults(), "batterySocPct", p.batterySocPct())) {
            // The energy gauge is out but the state of charge is not: they measure the same thing.
            energyWh = p.batterySocPct() / 100.0 * capacityWh;
            estimating = false;
            return energyWh;
        }
        estimating = true;
        if (Double.isNaN(energyWh)) {
            return 0; // never seen a good value: plan as if empty (the safe side)
        }
        double batteryW = HalFault.trusted(p.faults(), "batteryPowerW", p.batteryPowerW()) ? p.batteryPowerW()
                : (HalFault.trusted(p.faults(), "arrayPowerW", p.arrayPowerW()) ? p.arrayPowerW() : 0) - boardsDrawW
                        - (Double.isFinite(housekeepingW) ? housekeepingW : 0);
        energyWh += batteryW * dtS / 3600.0;
        return energyWh;
    }

    /** True while the gauge is bad and the energy is an estimate. */
    boolean estimating() {
        return estimating;
    }
}
