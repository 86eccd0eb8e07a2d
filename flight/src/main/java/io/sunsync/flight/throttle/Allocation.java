package io.sunsync.flight.throttle;

import java.util.Map;

/**
 * The allocator's answer for one tick.
 *
 * @param capsW     cap per board id, in W; 0 means the board is switched off
 * @param totalW    sum of the caps, in W (never more than the budget)
 * @param value     priority-weighted throughput expected at these caps
 * @param lambda    marginal weighted throughput per W at the margin (the water level), 0 if every board is at its limit
 * @param binding   what limited the allocation
 */
public record Allocation(Map<String, Double> capsW, double totalW, double value, double lambda, Binding binding) {
    public Allocation {
        capsW = Map.copyOf(capsW);
    }

    /** What limited an allocation. */
    public enum Binding {
        /** The power budget: more watts would have bought more work. */
        POWER,
        /** Every board with work is at its allowed maximum (cap range or thermal limit). */
        BOARD_LIMITS,
        /** No board has work. */
        NO_WORK
    }
}
