package io.sunsync.flight.mode;

import io.sunsync.hal.config.ConfigException;

/**
 * The {@code modes} section of the satellite config: when the satellite leaves nominal mode on
 * its own, and when it comes back. State-of-charge margins are in % of battery capacity above
 * the depth-of-discharge floor. Defaults in brackets.
 *
 * @param powerSaveBelowMarginPct  enter power-save below floor + this [1.5]
 * @param safeBelowMarginPct       enter safe mode below floor + this [0.5]
 * @param powerSaveExitMarginPct   leave power-save above floor + this, in sunlight [10]
 * @param safeExitMarginPct        leave an autonomous safe mode above floor + this, conditions clear [20]
 * @param exitHoldS                conditions must hold this long before leaving, in s [120]
 * @param persistence              consecutive samples before a limit counts [3]
 * @param powerSaveBudgetScale     share of the budget the boards get in power-save [0.8]
 * @param powerSaveMinWeight       lowest job priority weight that keeps running in power-save; the job runner weighs
 *                                 priority p as (p + 1) / 51, so 1.0 keeps priority 50 and up [1.0]
 * @param faultsForSafe            board isolations within {@code faultWindowS} that mean safe mode [3]
 * @param faultWindowS             window for counting isolations, in s [3600]
 * @param sensorLossForPowerSaveS  power readings unusable this long means power-save, in s [30]
 */
public record ModeConfig(Double powerSaveBelowMarginPct, Double safeBelowMarginPct, Double powerSaveExitMarginPct,
                         Double safeExitMarginPct, Double exitHoldS, Integer persistence, Double powerSaveBudgetScale,
                         Double powerSaveMinWeight, Integer faultsForSafe, Double faultWindowS,
                         Double sensorLossForPowerSaveS) {
    public ModeConfig {
        powerSaveBelowMarginPct = orDefault(powerSaveBelowMarginPct, 1.5);
        safeBelowMarginPct = orDefault(safeBelowMarginPct, 0.5);
        powerSaveExitMarginPct = orDefault(powerSaveExitMarginPct, 10.0);
        safeExitMarginPct = orDefault(safeExitMarginPct, 20.0);
        exitHoldS = orDefault(exitHoldS, 120.0);
        persistence = persistence == null ? 3 : persistence;
        powerSaveBudgetScale = orDefault(powerSaveBudgetScale, 0.8);
        powerSaveMinWeight = orDefault(powerSaveMinWeight, 1.0);
        faultsForSafe = faultsForSafe == null ? 3 : faultsForSafe;
        faultWindowS = orDefault(faultWindowS, 3600.0);
        sensorLossForPowerSaveS = orDefault(sensorLossForPowerSaveS, 30.0);
        if (!(safeBelowMarginPct < powerSaveBelowMarginPct)) {
            throw new ConfigException("safeBelowMarginPct", "must be below powerSaveBelowMarginPct");
        }
        if (!(powerSaveExitMarginPct > powerSaveBelowMarginPct) || !(safeExitMarginPct > safeBelowMarginPct)) {
            throw new ConfigException("powerSaveExitMarginPct", "exit margins must lie above their entry margins (hysteresis)");
        }
        if (persistence < 1) {
            throw new ConfigException("persistence", "must be >= 1");
        }
        if (!(powerSaveBudgetScale > 0 && powerSaveBudgetScale <= 1)) {
            throw new ConfigException("powerSaveBudgetScale", "must be in (0, 1]");
        }
        if (faultsForSafe < 1) {
            throw new ConfigException("faultsForSafe", "must be >= 1");
        }
    }

    private static double orDefault(Double v, double d) {
        double x = v == null ? d : v;
        if (!Double.isFinite(x) || x < 0) {
            throw new ConfigException("modes", "margins, times and scales must be finite and >= 0, was " + x);
        }
        return x;
    }

    /** Every default. */
    public static ModeConfig defaults() {
        return new ModeConfig(null, null, null, null, null, null, null, null, null, null, null);
    }
}
