package io.sunsync.sim.economy;

/**
 * What a run's work is in watts and tonnes: per kWh the arrays collected, per kWh the boards drew,
 * per kg of satellite and per $ of launch. One work unit is one board-second at full cap. The
 * lifetime figures extrapolate the run's daily rate over a board's useful life, as if every day
 * were like the run's (a floor for a run in the eclipse season, whose days are the year's worst;
 * {@code sim fleet} integrates a whole year instead). Immutable.
 *
 * @param workUnits               the run's work
 * @param days                    the run's length, in days
 * @param workPerKWhCollected     work per kWh the arrays collected
 * @param workPerKWhBoards        work per kWh the boards drew
 * @param workPerKg               the run's work per kg of satellite
 * @param workPerKgPerDay         per kg and per day
 * @param lifetimeWorkPerKg       per kg over {@code boardLifeYears}, at the run's daily rate
 * @param workPerUsdAtLowPrice    the run's work per $ of launch at the low end of the price range
 * @param workPerUsdAtHighPrice   and at the high end
 * @param lifetimeWorkPerUsdAtLowPrice  over the board life, per $ of launch at the low price
 * @param lifetimeWorkPerUsdAtHighPrice and at the high price
 * @param boardLifeYears          the board life used, in years
 */
public record WattsAndTonnes(double workUnits, double days, double workPerKWhCollected, double workPerKWhBoards,
                             double workPerKg, double workPerKgPerDay, double lifetimeWorkPerKg,
                             double workPerUsdAtLowPrice, double workPerUsdAtHighPrice,
                             double lifetimeWorkPerUsdAtLowPrice, double lifetimeWorkPerUsdAtHighPrice,
                             double boardLifeYears) {
    /** Days in a year (Julian). */
    public static final double DAYS_PER_YEAR = 365.25;

    /**
     * The figures of a run.
     *
     * @param workUnits      work done
     * @param elapsedS       the run's length, in s
     * @param balance        its energy balance
     * @param mass           the satellite's mass budget
     * @param boardLifeYears a board's useful life, in years
     */
    public static WattsAndTonnes of(double workUnits, double elapsedS, EnergyBalance balance, MassBudget mass,
                                    double boardLifeYears) {
        double days = elapsedS / 86_400.0;
        double perKg = workUnits / mass.totalKg();
        double perKgDay = perKg / days;
        double lifetimePerKg = perKgDay * DAYS_PER_YEAR * boardLifeYears;
        return new WattsAndTonnes(workUnits, days, workUnits / balance.collectedKWh(), workUnits / balance.computeKWh(),
                perKg, perKgDay, lifetimePerKg, workUnits / mass.launchLowUsd(), workUnits / mass.launchHighUsd(),
                lifetimePerKg * mass.totalKg() / mass.launchLowUsd(), lifetimePerKg * mass.totalKg() / mass.launchHighUsd(),
                boardLifeYears);
    }
}
