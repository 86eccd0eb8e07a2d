package io.sunsync.sim.truth;

import io.sunsync.sim.power.EnergyTotals;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The truth record of a run so far: what physically happened, independent of what the
 * sensors said. Controllers are graded on it: work done, energy spent and curtailed, and
 * every limit the hardware suffered. Immutable snapshot.
 *
 * @param scenario          scenario name
 * @param seed              random seed
 * @param start             mission time at the start
 * @param now               mission time of this snapshot
 * @param elapsedS          simulated time, in s
 * @param energy            energy totals (they close: see {@link EnergyTotals#balanceErrorWh()})
 * @param workUnits         useful work of all boards, in work units (1 = one board-second at full cap)
 * @param eclipseS          time in Earth's shadow, in s
 * @param minSocPct         lowest state of charge, in %
 * @param maxBoardTempC     hottest any board got, in °C
 * @param minLoopC          coldest any loop got, in °C
 * @param maxLoopC          hottest any loop got, in °C
 * @param counts            event counts
 * @param violationCounts   limit-violation episodes per kind
 * @param violationSeconds  time in violation per kind, in s (summed over devices)
 * @param violations        the episodes (at most {@link ViolationMonitor#MAX_EPISODES} closed ones, plus open ones)
 * @param linkOutages       ground link outage windows
 * @param samples           sampled physical state (empty unless samples were asked for)
 */
public record Truth(String scenario, long seed, Instant start, Instant now, double elapsedS, EnergyTotals energy,
                    double workUnits, double eclipseS, double minSocPct, double maxBoardTempC, double minLoopC,
                    double maxLoopC, Counts counts, Map<ViolationKind, Integer> violationCounts,
                    Map<ViolationKind, Double> violationSeconds, List<Violation> violations,
                    List<Outage> linkOutages, List<TruthSample> samples) {

    public Truth {
        violationCounts = Map.copyOf(violationCounts);
        violationSeconds = Map.copyOf(violationSeconds);
        violations = List.copyOf(violations);
        linkOutages = List.copyOf(linkOutages);
        samples = List.copyOf(samples);
    }

    /**
     * Event counts of a run.
     *
     * @param boardSwitchOffs times a command switched an enabled board off (by the controller, or by its
     *                        fast protection)
     */
    public record Counts(long upsets, long hangs, long eccErrors, long resets, long thermalShutdowns, long brownOuts,
                         long faultsInjected, int boardsFailed, int stringsLost, int cellStringsLost, int pumpsFailed,
                         long boardSwitchOffs) {
    }

    /** A ground link outage. */
    public record Outage(Instant start, Instant end) {
    }

    /** True when any limit was violated. */
    public boolean violated() {
        return violationCounts.values().stream().anyMatch(c -> c > 0);
    }

    /** Episodes of {@code kind}. */
    public int count(ViolationKind kind) {
        return violationCounts.getOrDefault(kind, 0);
    }
}
