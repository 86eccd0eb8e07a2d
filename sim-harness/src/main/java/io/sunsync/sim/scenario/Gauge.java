package io.sunsync.sim.scenario;

import static io.sunsync.sim.scenario.Bounds.between;

/**
 * The battery gauge, a coulomb counter that recalibrates when a charge ends at full
 * ({@code io.sunsync.sim.sensor.BatteryGauge}).
 *
 * @param drift            the count takes the battery current sensor's gain and offset errors, so it
 *                         drifts between full charges (default true)
 * @param capacityErrorPct the capacity the gauge has learned is off the true one by this much, in %:
 *                         the energy it reports is off by that share of the capacity, and stays off
 *                         (default 0)
 * @param startErrorPct    the count starts off by this share of the capacity, in %, until the first
 *                         full charge (default 0)
 */
public record Gauge(Boolean drift, Double capacityErrorPct, Double startErrorPct) {
    public Gauge {
        drift = drift == null || drift;
        capacityErrorPct = between("capacityErrorPct", capacityErrorPct, 0.0, -50, 50);
        startErrorPct = between("startErrorPct", startErrorPct, 0.0, -100, 100);
    }

    /** An exact gauge. */
    public static Gauge ideal() {
        return new Gauge(false, 0.0, 0.0);
    }

    /** True when the gauge reports the energy stored exactly. */
    public boolean perfect() {
        return !drift && capacityErrorPct == 0 && startErrorPct == 0;
    }
}
