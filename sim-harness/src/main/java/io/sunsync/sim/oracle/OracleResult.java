package io.sunsync.sim.oracle;

/**
 * The oracle's answer for a scenario.
 *
 * @param workUnits      upper bound on the useful work any controller could do, in work units
 *                       (1 = one board-second at full cap)
 * @param boardEnergyWh  board energy in the bounding solution, in Wh
 * @param curtailedWh    array energy the bounding solution leaves unused, in Wh
 * @param segments       time segments of the program
 * @param windows        windows solved separately (each but the first starts with a free battery state)
 * @param solveS         wall time to build and solve, in s
 * @param method         how the bound was computed, in words
 */
public record OracleResult(double workUnits, double boardEnergyWh, double curtailedWh, int segments, int windows,
                           double solveS, String method) {

    /** A controller's work as a fraction of this bound (≤ 1 for any controller). */
    public double ratio(double controllerWorkUnits) {
        return workUnits > 0 ? controllerWorkUnits / workUnits : Double.NaN;
    }
}
