package io.sunsync.flight.throttle;

/**
 * What the current flight mode allows the throttler: a share of the budget, a minimum job
 * priority weight, or no boards at all (safe mode).
 *
 * @param budgetScale    fraction of the planned budget the boards may use (0..1)
 * @param minWeight      work below this priority weight is shed
 * @param boardsAllowed  false in safe mode: every board off
 */
public record ModePolicy(double budgetScale, double minWeight, boolean boardsAllowed) {
    /** Nominal: the whole budget, all work. */
    public static final ModePolicy NOMINAL = new ModePolicy(1.0, 0.0, true);

    public ModePolicy {
        if (!(budgetScale >= 0 && budgetScale <= 1)) {
            throw new IllegalArgumentException("budgetScale must be in [0, 1]");
        }
    }
}
