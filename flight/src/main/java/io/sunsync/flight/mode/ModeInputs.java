package io.sunsync.flight.mode;

/**
 * What the mode automaton looks at on one tick.
 *
 * @param socAboveFloorPct    state of charge above the depth-of-discharge floor, in % of capacity (NaN if unknown)
 * @param sunlit              whether the array sees the Sun
 * @param thermalRed          a thermal zone is past its action limit (persistent)
 * @param recentIsolations    boards isolated for faults within the fault window
 * @param powerSensorLostS    how long the power readings have been unusable, in s (0 when fine)
 */
public record ModeInputs(double socAboveFloorPct, boolean sunlit, boolean thermalRed, int recentIsolations,
                         double powerSensorLostS) {
}
