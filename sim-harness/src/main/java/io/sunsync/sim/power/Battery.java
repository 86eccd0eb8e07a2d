package io.sunsync.sim.power;

import io.sunsync.sim.scenario.Scenario;

/**
 * The battery's electrical model, as immutable physics the power system composes: an open-circuit
 * voltage that rises with state of charge, an internal resistance (losses I²R, a terminal voltage
 * that sags under load), converters with a fixed efficiency each way between the bus and the
 * cells, and the charger's CC-CV profile (the charge the battery takes falls above
 * {@code taperStartPct}). Powers are bus side unless named otherwise. Immutable; thread safe.
 */
public final class Battery {
    /** Open-circuit voltage at empty, as a fraction of the nominal bus voltage (linear to 1 at full). */
    static final double OCV_EMPTY = 0.88;

    private final Scenario.Battery spec;
    private final double nominalV;

    public Battery(Scenario.Battery spec, double nominalV) {
        this.spec = spec;
        this.nominalV = nominalV;
    }

    public Scenario.Battery spec() {
        return spec;
    }

    /** Open-circuit voltage at state of charge {@code soc} (0..1), in V. */
    public double openCircuitV(double soc) {
        return nominalV * (OCV_EMPTY + (1 - OCV_EMPTY) * Math.max(0, Math.min(1, soc)));
    }

    /** Internal resistance with {@code online} of the cell strings connected, in Ω. */
    public double resistanceOhm(int online) {
        return spec.internalResistanceOhm() * spec.cellStrings() / Math.max(1, online);
    }

    /**
     * The current that takes {@code terminalW} out of the cells' terminals (discharge), in A:
     * V_oc·I − R·I² = P. NaN when no current can deliver it (past the maximum power point).
     */
    public static double dischargeCurrentA(double terminalW, double ocV, double rOhm) {
        if (terminalW <= 0) {
            return 0;
        }
        if (rOhm <= 0) {
            return terminalW / ocV;
        }
        double disc = ocV * ocV - 4 * rOhm * terminalW;
        return disc < 0 ? Double.NaN : (ocV - Math.sqrt(disc)) / (2 * rOhm);
    }

    /** The current that puts {@code terminalW} into the cells' terminals (charge), in A: V_oc·I + R·I² = P. */
    public static double chargeCurrentA(double terminalW, double ocV, double rOhm) {
        if (terminalW <= 0) {
            return 0;
        }
        if (rOhm <= 0) {
            return terminalW / ocV;
        }
        return (-ocV + Math.sqrt(ocV * ocV + 4 * rOhm * terminalW)) / (2 * rOhm);
    }

    /**
     * What the battery takes now, bus side, in W: its charge-rate limit in the constant-current
     * phase; above {@code taperStartPct} (the constant-voltage phase) falling linearly in state of
     * charge to the termination current ({@code terminationC} of the capacity per hour) at full,
     * where the charger stops — so the current decays exponentially in time, as a CV charge's does;
     * 0 at full.
     *
     * @param soc        state of charge (0..1)
     * @param capacityWh the battery's capacity now, in Wh
     */
    public double acceptanceW(double soc, double capacityWh) {
        double max = spec.maxChargeW();
        double taper = spec.taperStartPct() / 100.0;
        if (soc >= 1) {
            return 0;
        }
        if (soc <= taper || taper >= 1) {
            return max;
        }
        double termW = Math.min(max, spec.terminationC() * capacityWh);
        return termW + (max - termW) * (1 - soc) / (1 - taper);
    }
}
