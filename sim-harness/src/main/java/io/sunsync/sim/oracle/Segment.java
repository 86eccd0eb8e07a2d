package io.sunsync.sim.oracle;

/**
 * A stretch of the run over which the oracle treats the exogenous inputs as their averages.
 *
 * @param startS          start, in s after the scenario start
 * @param durationS       length, in s (&gt; 0)
 * @param arrayW          mean array output available (at full extraction), in W
 * @param sunlit          true when sunlit throughout (false: eclipse throughout, or mixed)
 * @param essentialW      loads that are always on (housekeeping, pumps), in W
 * @param boardsPerLoop   boards available on each loop (failed ones removed)
 * @param pumpFailed      whether each loop's pump has failed
 * @param capacityWh      battery capacity (after cell losses), in Wh
 */
public record Segment(double startS, double durationS, double arrayW, boolean sunlit, double essentialW,
                      int[] boardsPerLoop, boolean[] pumpFailed, double capacityWh) {
    public Segment {
        if (!(durationS > 0)) {
            throw new IllegalArgumentException("segment duration must be > 0, was " + durationS);
        }
        boardsPerLoop = boardsPerLoop.clone();
        pumpFailed = pumpFailed.clone();
    }
}
