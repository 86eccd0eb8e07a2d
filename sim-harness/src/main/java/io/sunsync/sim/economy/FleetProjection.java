package io.sunsync.sim.economy;

import io.sunsync.hal.config.ConfigException;
import io.sunsync.sim.scenario.Scenario;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A fleet of one satellite design launched at a steady mass rate: how many satellites a year the
 * tonnes buy, the gigawatts they add, and the work the fleet in service does each year. A
 * satellite's year is its {@link AnnualYield} (the oracle's bound over the year times the flight
 * throttler's {@link MeasuredRatio}: a measured figure, not an assumed efficiency), at its array's
 * age; it serves for its boards' useful life ({@code economy.boardLifeYears}) and is then replaced
 * out of the same launch rate (a cohort serving part of a year counts that part). The sensitivity
 * table moves one thing at a time (altitude, the orbit's node and so its eclipse season, battery
 * size, array degradation) and shows what it does to the satellite, to the satellites a year buys and
 * to the work a year's launch does in its first year in orbit. Stateless.
 */
public final class FleetProjection {
    private FleetProjection() {
    }

    /**
     * One year of the fleet.
     *
     * @param year                year of the programme, 1 = the first year's launches
     * @param satellitesLaunched  launched this year
     * @param satellitesInService in service during the year (cohorts weighted by the part of the year they serve)
     * @param arrayGwAdded        array rating added this year, GW (beginning of life)
     * @param computeGwAdded      compute added this year (boards at their maximum cap), GW
     * @param computeGwInService  compute in service, GW
     * @param workUnits           the fleet's work this year (work units: board-seconds at full cap)
     * @param boardYears          the same as board-years at full cap
     */
    public record Year(int year, double satellitesLaunched, double satellitesInService, double arrayGwAdded,
                       double computeGwAdded, double computeGwInService, double workUnits, double boardYears) {
    }

    /**
     * One row of the sensitivity table.
     *
     * @param name                 what changed
     * @param satelliteKg          the satellite's mass, kg (NaN when refused)
     * @param satellitesPerYear    satellites the tonnes buy
     * @param workPerSatelliteYear one satellite's first year, in work units
     * @param workPerKgYear        per kg
     * @param fleetFirstYearWork   a year's launch in its first year in orbit, in work units
     * @param changePct            against the base design, in %
     * @param seasonLossPct        what the eclipse season takes from the satellite's year, in %
     * @param refused              why the variant cannot fly (null when it can)
     */
    public record Variant(String name, double satelliteKg, double satellitesPerYear, double workPerSatelliteYear,
                          double workPerKgYear, double fleetFirstYearWork, double changePct, double seasonLossPct,
                          String refused) {
    }

    /**
     * The projection.
     *
     * @param scenario       the design's scenario name
     * @param tonnesPerYear  launched each year, t
     * @param mass           the satellite
     * @param boardLifeYears its service life, years
     * @param degradationPerYear its array's loss of output per year
     * @param satellitesPerYear satellites a year
     * @param firstYear      a new satellite's year
     * @param workByAge      one satellite's work in each year of its life (work units), from age 0
     * @param years          the programme, year by year
     * @param sensitivity    the sensitivity table (the first row is the base design)
     * @param ratio          where the achieved figure's ratio comes from
     * @param orbitsSolved   one-orbit programs the oracle solved
     */
    public record Result(String scenario, double tonnesPerYear, MassBudget mass, double boardLifeYears,
                         double degradationPerYear, double satellitesPerYear, AnnualYield.Result firstYear, List<Double> workByAge,
                         List<Year> years, List<Variant> sensitivity, MeasuredRatio ratio, int orbitsSolved) {
    }

    /**
     * Projects {@code years} years of launching {@code tonnesPerYear} of the satellite of {@code s}.
     * Refuses a design that cannot fly ({@link DesignCheck}) naming the field.
     */
    public static Result project(Scenario s, double tonnesPerYear, int years, MeasuredRatio ratio) {
        if (!(tonnesPerYear > 0) || Double.isInfinite(tonnesPerYear)) {
            throw new ConfigException("--tonnes-per-year", "must be a positive number of tonnes, was " + tonnesPerYear);
        }
        if (years < 1 || years > 50) {
            throw new ConfigException("--years", "must be in [1, 50], was " + years);
        }
        DesignCheck.require(s);
        int year = s.start().atZone(ZoneOffset.UTC).getYear();
        MassBudget mass = MassBudget.of(s);
        double life = s.economy().boardLifeYears();
        double perYear = tonnesPerYear * 1000 / mass.totalKg();
        int[] solved = {0};
        AnnualYield.SampledYear orbits = AnnualYield.SampledYear.of(s, year, AnnualYield.Sampling.FINE);
        List<Double> byAge = new ArrayList<>();
        AnnualYield.Result first = null;
        int ages = (int) Math.min(years, Math.ceil(life));
        for (int age = 0; age < ages; age++) {
            AnnualYield.Result r = orbits.yield(s, ratio, ageFactor(s.array(), age));
            solved[0] += orbits.orbits();
            if (first == null) {
                first = r;
            }
            byAge.add(r.achievedWorkUnits());
        }
        List<Year> out = years(perYear, life, byAge, years, mass);
        List<Variant> sensitivity = sensitivity(s, year, tonnesPerYear, ratio, orbits, first, solved);
        return new Result(s.name(), tonnesPerYear, mass, life, s.array().degradationPerYear(), perYear, first, List.copyOf(byAge), out, sensitivity,
                ratio, solved[0]);
    }

    /**
     * The programme year by year: {@code perYear} satellites launched at the start of each year, each
     * serving {@code life} years (the part of a year it still serves counts that part) and doing
     * {@code byAge.get(a)} work units in its year of age {@code a}.
     */
    static List<Year> years(double perYear, double life, List<Double> byAge, int years, MassBudget mass) {
        List<Year> out = new ArrayList<>();
        for (int y = 1; y <= years; y++) {
            double inService = 0;
            double work = 0;
            for (int cohort = 1; cohort <= y; cohort++) {
                int age = y - cohort;
                double share = Math.max(0, Math.min(1, life - age));
                if (share > 0) {
                    inService += perYear * share;
                    work += perYear * share * byAge.get(age);
                }
            }
            out.add(new Year(y, perYear, inService, perYear * mass.arrayRatedW() / 1e9, perYear * mass.computeW() / 1e9,
                    inService * mass.computeW() / 1e9, work, work / (WattsAndTonnes.DAYS_PER_YEAR * 86_400)));
        }
        return out;
    }

    /** The array's output at {@code age} years beyond its age in {@code a}, relative to it. */
    static double ageFactor(Scenario.Array a, double age) {
        return Math.pow(1 - a.degradationPerYear(), age);
    }

    private static List<Variant> sensitivity(Scenario s, int year, double tonnes, MeasuredRatio ratio,
                                             AnnualYield.SampledYear orbits, AnnualYield.Result base, int[] solved) {
        List<Variant> out = new ArrayList<>();
        double baseKg = MassBudget.of(s).totalKg();
        double baseFleet = tonnes * 1000 / baseKg * base.achievedWorkUnits();
        out.add(variant("base design", baseKg, tonnes, base.achievedWorkUnits(), base.seasonLossPct(), baseFleet, null));
        out.add(variant("without its eclipse season (every day like the days just outside it)", baseKg, tonnes,
                base.withoutSeasonWorkUnits(), 0, baseFleet, null));
        double alt = s.orbit().altitudeKm();
        Map<String, Map<String, Object>> orbitVariants = new LinkedHashMap<>();
        orbitVariants.put(String.format(java.util.Locale.ROOT, "altitude %.0f km", alt - 100),
                Map.of("orbit.altitudeKm", alt - 100));
        orbitVariants.put(String.format(java.util.Locale.ROOT, "altitude %.0f km", alt + 100),
                Map.of("orbit.altitudeKm", alt + 100));
        double ltan = s.orbit().model().ltanHours();
        String earlier = hhmm(ltan - 0.5);
        orbitVariants.put("node at " + earlier + " (30 min off " + s.orbit().ltan() + ": a longer, deeper season)",
                Map.of("orbit.ltan", earlier));
        for (var e : orbitVariants.entrySet()) {
            out.add(evaluate(s, e.getKey(), e.getValue(), year, tonnes, ratio, null, baseFleet, solved));
        }
        Scenario.Battery b = s.battery();
        for (double f : new double[] {0.5, 2.0}) {
            out.add(evaluate(s, String.format(java.util.Locale.ROOT, "battery x%s (%.0f kWh, same C-rates)",
                    f == 0.5 ? "0.5" : "2", b.capacityWh() * f / 1000), Map.of("battery.capacityWh", b.capacityWh() * f,
                    "battery.maxChargeW", b.maxChargeW() * f, "battery.maxDischargeW", b.maxDischargeW() * f), year, tonnes,
                    ratio, orbits, baseFleet, solved));
        }
        double life = s.economy().boardLifeYears();
        double d = s.array().degradationPerYear();
        out.add(ageVariant(s, String.format(java.util.Locale.ROOT, "array after %.0f years at %.1f %%/yr (end of board life)",
                life, 100 * d), ageFactor(s.array(), life), tonnes, ratio, orbits, baseFleet, solved));
        double worse = Math.max(0.03, 2 * d);
        out.add(ageVariant(s, String.format(java.util.Locale.ROOT, "array after %.0f years at %.1f %%/yr", life, 100 * worse),
                Math.pow(1 - worse, life), tonnes, ratio, orbits, baseFleet, solved));
        return out;
    }

    private static String hhmm(double hours) {
        double h = ((hours % 24) + 24) % 24;
        int m = (int) Math.round(h * 60);
        return String.format(java.util.Locale.ROOT, "%02d:%02d", m / 60 % 24, m % 60);
    }

    private static Variant ageVariant(Scenario s, String name, double factor, double tonnes, MeasuredRatio ratio,
                                      AnnualYield.SampledYear orbits, double baseFleet, int[] solved) {
        AnnualYield.Result r = orbits.yield(s, ratio, factor);
        solved[0] += orbits.orbits();
        return variant(name, MassBudget.of(s).totalKg(), tonnes, r.achievedWorkUnits(), r.seasonLossPct(), baseFleet, null);
    }

    private static Variant evaluate(Scenario s, String name, Map<String, Object> change, int year, double tonnes,
                                    MeasuredRatio ratio, AnnualYield.SampledYear sameOrbits, double baseFleet,
                                    int[] solved) {
        Scenario v;
        try {
            v = s.withValues(change);
            DesignCheck.require(v);
        } catch (ConfigException e) {
            return new Variant(name, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                    e.getMessage());
        }
        AnnualYield.SampledYear orbits = sameOrbits != null ? sameOrbits
                : AnnualYield.SampledYear.of(v, year, AnnualYield.Sampling.FINE);
        AnnualYield.Result r = orbits.yield(v, ratio, 1.0);
        solved[0] += orbits.orbits();
        return variant(name, MassBudget.of(v).totalKg(), tonnes, r.achievedWorkUnits(), r.seasonLossPct(), baseFleet, null);
    }

    private static Variant variant(String name, double kg, double tonnes, double work, double seasonLossPct,
                                   double baseFleet, String refused) {
        double perYear = tonnes * 1000 / kg;
        double fleet = perYear * work;
        return new Variant(name, kg, perYear, work, work / kg, fleet, 100 * (fleet / baseFleet - 1), seasonLossPct, refused);
    }
}
