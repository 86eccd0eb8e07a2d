package io.sunsync.sim.scenario;

import static io.sunsync.sim.scenario.Bounds.between;
import static io.sunsync.sim.scenario.Bounds.positive;

import io.sunsync.hal.config.ConfigException;

/**
 * What the satellite weighs and what it costs to launch: the mass and cost model behind the
 * watts-and-tonnes figures ({@code io.sunsync.sim.economy.MassBudget}). Every default and its
 * source is in {@code docs/sim-harness.md#mass-and-cost-model}. It changes nothing in the physics.
 *
 * @param arrayKgPerM2       solar array (cells, blanket, deployment structure), in kg per m² of array
 *                           (default 2.3: 150 W/kg flexible-blanket arrays at this array's 347 W/m²)
 * @param batteryWhPerKg     battery specific energy at battery level, nameplate Wh per kg (default 128)
 * @param radiatorKgPerM2    radiator panels, in kg per m² of panel (both faces radiate; default 5)
 * @param boardKg            one accelerator board with its cold plate and its share of host, memory and
 *                           network, in kg (default 8)
 * @param coolingKgPerKw     pumps, cold-plate manifolds, plumbing and fluid, in kg per kW of the boards'
 *                           maximum heat (default 2)
 * @param structureFraction  structure, harness and avionics as a share of the satellite's total mass,
 *                           in [0, 0.9) (default 0.25)
 * @param launchLowUsdPerKg  launch price per kg to the orbit, low end of the range, in US$ (default 200)
 * @param launchHighUsdPerKg launch price per kg, high end, in US$ (default 2720)
 * @param boardLifeYears     a board's useful life in orbit, in years: the satellite's service life in the
 *                           fleet projection (default 5)
 */
public record Economy(Double arrayKgPerM2, Double batteryWhPerKg, Double radiatorKgPerM2, Double boardKg,
                      Double coolingKgPerKw, Double structureFraction, Double launchLowUsdPerKg,
                      Double launchHighUsdPerKg, Double boardLifeYears) {
    public Economy {
        arrayKgPerM2 = mass("arrayKgPerM2", arrayKgPerM2, 2.3, "kg per m² of array");
        batteryWhPerKg = positive("batteryWhPerKg", batteryWhPerKg, 128.0);
        if (batteryWhPerKg > 1000) {
            throw new ConfigException("batteryWhPerKg", "must be at most 1000 Wh/kg (no battery stores more), was "
                    + batteryWhPerKg);
        }
        radiatorKgPerM2 = mass("radiatorKgPerM2", radiatorKgPerM2, 5.0, "kg per m² of radiator panel");
        boardKg = mass("boardKg", boardKg, 8.0, "kg per board");
        coolingKgPerKw = mass("coolingKgPerKw", coolingKgPerKw, 2.0, "kg per kW of board heat");
        structureFraction = structureFraction == null ? 0.25 : structureFraction;
        if (!(structureFraction >= 0 && structureFraction < 0.9)) {
            throw new ConfigException("structureFraction", "must be a share of the total mass in [0, 0.9), was "
                    + structureFraction);
        }
        launchLowUsdPerKg = positive("launchLowUsdPerKg", launchLowUsdPerKg, 200.0);
        launchHighUsdPerKg = positive("launchHighUsdPerKg", launchHighUsdPerKg, 2720.0);
        if (launchHighUsdPerKg < launchLowUsdPerKg) {
            throw new ConfigException("launchHighUsdPerKg", "must not be below launchLowUsdPerKg ("
                    + launchLowUsdPerKg + "), was " + launchHighUsdPerKg);
        }
        boardLifeYears = between("boardLifeYears", boardLifeYears, 5.0, 0.1, 30);
    }

    /** Every field at its default. */
    public static Economy reference() {
        return new Economy(null, null, null, null, null, null, null, null, null);
    }

    private static double mass(String key, Double value, double dflt, String unit) {
        double v = value == null ? dflt : value;
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            throw new ConfigException(key, "must be a finite mass (" + unit + "), was " + v);
        }
        if (v < 0) {
            throw new ConfigException(key, "must not be negative: a mass (" + unit + ") cannot be below zero, was "
                    + v);
        }
        return v;
    }
}
