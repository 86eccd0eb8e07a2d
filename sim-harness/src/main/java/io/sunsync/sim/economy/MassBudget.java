package io.sunsync.sim.economy;

import io.sunsync.sim.power.SolarArray;
import io.sunsync.sim.scenario.Economy;
import io.sunsync.sim.scenario.Scenario;

/**
 * What a satellite weighs, part by part, from its scenario's sizes and its {@code economy} mass
 * model, and what launching it costs. The parts the model sizes are summed and the structure,
 * harness and avionics are a share {@code f} of the total: total = parts / (1 − f). Immutable.
 *
 * @param arrayKg            solar array: area × {@code arrayKgPerM2}
 * @param batteryKg          battery: nameplate capacity / {@code batteryWhPerKg}
 * @param radiatorKg         radiator panels: panel area × {@code radiatorKgPerM2}
 * @param boardsKg           accelerator boards: count × {@code boardKg}
 * @param coolingKg          pumps and plumbing: {@code coolingKgPerKw} × the boards' maximum heat (count × max cap)
 * @param structureKg        structure, harness and avionics: {@code structureFraction} of the total
 * @param totalKg            the satellite, in kg
 * @param arrayRatedW        the array's rating at 1 AU, its reference temperature, beginning of life, in W
 * @param computeW           the boards' maximum draw (count × max cap), in W
 * @param arrayWPerKg        array rating per kg of satellite (SpaceX quotes ~100 kW per tonne, 100 W/kg)
 * @param computeWPerKg      compute per kg of satellite
 * @param launchLowUsd       launch at the low end of the price range, in US$
 * @param launchHighUsd      launch at the high end, in US$
 */
public record MassBudget(double arrayKg, double batteryKg, double radiatorKg, double boardsKg, double coolingKg,
                         double structureKg, double totalKg, double arrayRatedW, double computeW, double arrayWPerKg,
                         double computeWPerKg, double launchLowUsd, double launchHighUsd) {

    /** The budget of the satellite of {@code s}. */
    public static MassBudget of(Scenario s) {
        Economy m = s.economy();
        double array = s.array().areaM2() * m.arrayKgPerM2();
        double battery = s.battery().capacityWh() / m.batteryWhPerKg();
        double radiator = s.thermal().radiatorAreaM2() * m.radiatorKgPerM2();
        double boards = s.boards().count() * m.boardKg();
        double computeW = s.boards().count() * s.boards().maxCapW();
        double cooling = m.coolingKgPerKw() * computeW / 1000.0;
        double parts = array + battery + radiator + boards + cooling;
        double total = parts / (1.0 - m.structureFraction());
        double rated = new SolarArray(s.array()).ratedW();
        return new MassBudget(array, battery, radiator, boards, cooling, total - parts, total, rated, computeW,
                total > 0 ? rated / total : Double.NaN, total > 0 ? computeW / total : Double.NaN,
                total * m.launchLowUsdPerKg(), total * m.launchHighUsdPerKg());
    }
}
