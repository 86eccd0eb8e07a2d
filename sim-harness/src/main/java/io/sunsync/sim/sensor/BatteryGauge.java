package io.sunsync.sim.sensor;

import io.sunsync.sim.scenario.Gauge;

/**
 * The battery's fuel gauge, a coulomb counter: it counts what flows in and out of the cells
 * through its own current-sense path ({@link SensorModel#GAUGE_KEY}: a shunt and the gauge's ADC),
 * so that path's gain error (on the net charge moved) and offset (all the time) accumulate into its
 * count, and it converts the count to a state of
 * charge with the capacity it has learned. It recalibrates when the charger ends a charge at
 * full (the count is set to the learned capacity), as gauges do at end of charge; between full
 * charges its error grows. The battery management system knows which cell strings are online,
 * so a lost string takes its share of the learned capacity and of the count.
 *
 * <p>The errors: its current-sense path's drawn gain and offset ({@link SensorModel}; with
 * {@code drift: false} the count is exact), a learned capacity {@code capacityErrorPct} off the
 * true one (the count is then off by that much at full and stays off: a persistent error that
 * recalibration does not remove), and a start {@code startErrorPct} off (removed by the first full
 * charge).
 *
 * <p>Owned by one satellite model; confined to its thread.
 */
public final class BatteryGauge {
    private final double gain;
    private final double offsetW;
    private double capacityWh;
    private double countedWh;
    private long recalibrations;
    private boolean atFull;

    /**
     * @param config          the gauge's settings
     * @param sensors         the sensor model that drew the gauge's current-sense errors
     * @param trueCapacityWh  the battery's real capacity at the start, in Wh
     * @param trueEnergyWh    the energy really stored at the start, in Wh
     */
    public BatteryGauge(Gauge config, SensorModel sensors, double trueCapacityWh, double trueEnergyWh) {
        boolean drift = config.drift();
        this.gain = drift ? sensors.gain(SensorModel.GAUGE_KEY) : 0;
        this.offsetW = drift ? sensors.offset(SensorModel.GAUGE_KEY) : 0;
        this.capacityWh = trueCapacityWh * (1 + config.capacityErrorPct() / 100.0);
        this.countedWh = clamp(trueEnergyWh + (capacityWh - trueCapacityWh)
                + config.startErrorPct() / 100.0 * trueCapacityWh);
    }

    /**
     * Counts one step.
     *
     * @param dtS          step length, in s
     * @param storedWh     the change of the energy really stored over the step, in Wh
     * @param endedAtFull  the charger has the battery at full at the end of the step (it ended a charge
     *                     there, or holds it there): recalibrate
     */
    public void step(double dtS, double storedWh, boolean endedAtFull) {
        if (endedAtFull) {
            countedWh = capacityWh;
            if (!atFull) {
                recalibrations++;
            }
            atFull = true;
            return;
        }
        atFull = false;
        countedWh = clamp(countedWh + storedWh * (1 + gain) + offsetW * dtS / 3600.0);
    }

    /** Cell strings were lost: the count and the learned capacity keep {@code keep} of themselves. */
    public void keep(double keep) {
        capacityWh *= keep;
        countedWh *= keep;
    }

    private double clamp(double wh) {
        return Math.max(0, Math.min(capacityWh, wh));
    }

    /** Energy the gauge reports, in Wh. */
    public double energyWh() {
        return countedWh;
    }

    /** State of charge the gauge reports, in % of the capacity it has learned. */
    public double socPct() {
        return capacityWh > 0 ? 100.0 * countedWh / capacityWh : 0;
    }

    /** The capacity the gauge has learned, in Wh. */
    public double capacityWh() {
        return capacityWh;
    }

    /** Full-charge recalibrations so far (each arrival at full counts once). */
    public long recalibrations() {
        return recalibrations;
    }
}
