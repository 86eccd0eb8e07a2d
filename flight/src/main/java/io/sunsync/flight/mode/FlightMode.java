package io.sunsync.flight.mode;

import io.sunsync.flight.throttle.ModePolicy;

/** The satellite's operating modes, from most to least capable. */
public enum FlightMode {
    /** Every board may run; the throttler spends the whole budget. */
    NOMINAL,
    /** The battery is low: only high-priority work runs, on a reduced budget, until it recovers. */
    POWER_SAVE,
    /** Survival: every board off, thermal control on, waiting for conditions to clear or the ground. */
    SAFE;

    /** What this mode lets the throttler do, with power-save's minimum priority weight. */
    public ModePolicy policy(double powerSaveBudgetScale, double powerSaveMinWeight) {
        return switch (this) {
            case NOMINAL -> ModePolicy.NOMINAL;
            case POWER_SAVE -> new ModePolicy(powerSaveBudgetScale, powerSaveMinWeight, true);
            case SAFE -> new ModePolicy(0, Double.POSITIVE_INFINITY, false);
        };
    }
}
