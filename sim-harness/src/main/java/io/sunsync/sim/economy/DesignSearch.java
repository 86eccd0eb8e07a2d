package io.sunsync.sim.economy;

import io.sunsync.hal.config.ConfigException;
import io.sunsync.sim.scenario.Scenario;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Searches a satellite's board count, battery capacity and radiator area for the most work per kg
 * (or per $ of launch) over a year, eclipse season included, with no limit violated: the bound is the
 * oracle's ({@link AnnualYield}), the achieved figure the bound times the flight throttler's
 * {@link MeasuredRatio}, the mass the scenario's {@link MassBudget}.
 *
 * <p>How it stays cheap: the orbit and the array are fixed, so the year's sampled orbits are
 * propagated once ({@link AnnualYield.SampledYear}) and each design costs one small linear program
 * per sampled date. The radiator does not enter the oracle's program (healthy loops are left out of
 * it), so for each board count and battery the search takes the least radiator area, to the square
 * metre, whose {@link HotCase} keeps {@value HotCase#MARGIN_K} K below the loop limit and the boards'
 * slowdown: more area only adds mass. The battery must carry the essential loads through the longest
 * eclipse ({@link DesignCheck}). Coarse to fine: a grid over the bounds with the year sampled
 * {@link AnnualYield.Sampling#COARSE coarsely}, then two rounds of halving steps around the best,
 * and the chosen design and the reference re-evaluated with the {@link AnnualYield.Sampling#FINE fine}
 * sampling for the figures printed. The battery's charge and discharge limits scale with its capacity
 * (the reference design's C-rates). Stateless.
 */
public final class DesignSearch {
    private DesignSearch() {
    }

    /** What to maximise. */
    public enum Objective {
        /** Achieved work per year per kg of satellite. */
        WORK_PER_KG("work-per-kg"),
        /**
         * Achieved work over a board's life per $ of launch (at the low end of the price range). With a
         * price per kg it ranks designs exactly as per kg does; it prints the figure in dollars.
         */
        WORK_PER_USD("work-per-usd");

        private final String flag;

        Objective(String flag) {
            this.flag = flag;
        }

        /** The command-line name. */
        public String flag() {
            return flag;
        }

        /** Parses a command-line name. */
        public static Objective parse(String s) {
            for (Objective o : values()) {
                if (o.flag.equals(s)) {
                    return o;
                }
            }
            throw new ConfigException("--objective", "must be work-per-kg or work-per-usd, was '" + s + "'");
        }
    }

    /**
     * The bounds of the search.
     *
     * @param minBoards     fewest boards
     * @param maxBoards     most boards
     * @param minBatteryWh  smallest battery, Wh (nameplate)
     * @param maxBatteryWh  largest battery, Wh
     * @param minRadiatorM2 smallest radiator, m² of panel
     * @param maxRadiatorM2 largest radiator, m² of panel
     */
    public record Bounds(int minBoards, int maxBoards, double minBatteryWh, double maxBatteryWh, double minRadiatorM2,
                         double maxRadiatorM2) {
        public Bounds {
            if (minBoards < 1 || maxBoards < minBoards || maxBoards > 1024) {
                throw new ConfigException("boards", "bounds must satisfy 1 <= min <= max <= 1024, were " + minBoards
                        + ".." + maxBoards);
            }
            if (!(minBatteryWh > 0) || !(maxBatteryWh >= minBatteryWh)) {
                throw new ConfigException("battery", "bounds must satisfy 0 < min <= max, were " + minBatteryWh + ".."
                        + maxBatteryWh + " Wh");
            }
            if (!(minRadiatorM2 > 0) || !(maxRadiatorM2 >= minRadiatorM2)) {
                throw new ConfigException("radiator", "bounds must satisfy 0 < min <= max, were " + minRadiatorM2 + ".."
                        + maxRadiatorM2 + " m²");
            }
        }

        /** Around a reference design: half to twice its boards, a quarter to four times its battery, 10-400 m². */
        public static Bounds around(Scenario s) {
            int n = s.boards().count();
            double wh = s.battery().capacityWh();
            return new Bounds(Math.max(1, n / 2), Math.min(1024, 2 * n), wh / 4, wh * 4, 10, 400);
        }
    }

    /**
     * One design the search looked at.
     *
     * @param boards            board count
     * @param batteryWh         battery capacity, Wh
     * @param radiatorM2        radiator panel area, m² (the least that holds the hot case; NaN if none does)
     * @param massKg            the satellite's mass, kg
     * @param boundWorkPerYear  the oracle's bound over the year, work units
     * @param achievedWorkPerYear the bound times the measured ratio
     * @param workPerKgYear     achieved work per kg per year
     * @param lifetimeWorkPerUsd achieved work over the board life per $ of launch at the low price
     * @param hotDieC           a board's die in the hot case, °C
     * @param stage             the search stage that looked at it (0: the reference, 1: the grid, 2-3: refinement, 4: fine sampling)
     * @param refused           why it cannot fly (null when it can)
     */
    public record Candidate(int boards, double batteryWh, double radiatorM2, double massKg, double boundWorkPerYear,
                            double achievedWorkPerYear, double workPerKgYear, double lifetimeWorkPerUsd, double hotDieC,
                            int stage, String refused) {
        /** True when it can fly. */
        public boolean feasible() {
            return refused == null;
        }
    }

    /**
     * The search's outcome.
     *
     * @param scenario       the reference design's scenario name
     * @param altitudeKm     the orbit's altitude
     * @param objective      what was maximised
     * @param bounds         the bounds
     * @param reference      the reference design (the scenario's boards, battery and radiator), fine sampling
     * @param best           the chosen design, fine sampling
     * @param bestMass       its mass budget
     * @param bestHot        its hot case
     * @param bestYear       its year
     * @param explored       every design looked at (coarse sampling; the reference and the chosen also fine)
     * @param ratio          where the achieved figure's ratio comes from
     * @param orbitsPropagated sampled orbits propagated
     * @param programsSolved one-orbit programs the oracle solved
     * @param wallS          the search's wall time, s
     */
    public record Result(String scenario, double altitudeKm, Objective objective, Bounds bounds, Candidate reference,
                         Candidate best, MassBudget bestMass, HotCase bestHot, AnnualYield.Result bestYear,
                         List<Candidate> explored, MeasuredRatio ratio, int orbitsPropagated, int programsSolved,
                         double wallS) {
        /** The chosen design's scenario values (boards, battery, radiator) as dotted keys. */
        public Map<String, Object> bestValues(Scenario base) {
            return values(base, best.boards(), best.batteryWh(), best.radiatorM2());
        }
    }

    /** Searches around {@code s} within {@code bounds}. Refuses a reference design that cannot fly. */
    public static Result search(Scenario s, Objective objective, Bounds bounds, MeasuredRatio ratio) {
        long t0 = System.nanoTime();
        DesignCheck.require(s);
        int year = s.start().atZone(ZoneOffset.UTC).getYear();
        Search search = new Search(s, objective, ratio, AnnualYield.SampledYear.of(s, year, AnnualYield.Sampling.COARSE));
        // Stage 1: the grid.
        int[] boards = grid(bounds.minBoards(), bounds.maxBoards(), 6);
        double[] batteries = geometric(bounds.minBatteryWh(), bounds.maxBatteryWh(), 5);
        for (int n : boards) {
            for (double wh : batteries) {
                search.look(n, wh, bounds, 1);
            }
        }
        // Stages 2 and 3: halve the steps around the best.
        double boardStep = Math.max(1, (bounds.maxBoards() - bounds.minBoards()) / 5.0);
        double batteryStep = Math.pow(bounds.maxBatteryWh() / bounds.minBatteryWh(), 1 / 4.0);
        for (int stage = 2; stage <= 3; stage++) {
            boardStep = Math.max(1, boardStep / 2);
            batteryStep = Math.sqrt(batteryStep);
            Candidate c = search.best();
            if (c == null) {
                break;
            }
            for (int db = -1; db <= 1; db++) {
                for (int dw = -1; dw <= 1; dw++) {
                    int n = (int) Math.round(c.boards() + db * boardStep);
                    double wh = c.batteryWh() * Math.pow(batteryStep, dw);
                    if (n >= bounds.minBoards() && n <= bounds.maxBoards() && wh >= bounds.minBatteryWh() * 0.999
                            && wh <= bounds.maxBatteryWh() * 1.001) {
                        search.look(n, wh, bounds, stage);
                    }
                }
            }
        }
        Candidate coarseBest = search.best();
        if (coarseBest == null) {
            throw new ConfigException("design", "no design within the bounds can fly: " + search.explored.get(0).refused());
        }
        // The chosen design and the reference at the fine sampling, for the figures printed.
        AnnualYield.SampledYear fine = AnnualYield.SampledYear.of(s, year, AnnualYield.Sampling.FINE);
        Scenario bestScenario = s.withValues(values(s, coarseBest.boards(), coarseBest.batteryWh(),
                coarseBest.radiatorM2()));
        AnnualYield.Result bestYear = fine.yield(bestScenario, ratio, 1.0);
        Candidate best = candidate(bestScenario, bestYear, 4, null);
        Candidate reference = candidate(s, fine.yield(s, ratio, 1.0), 0, null);
        int solved = search.solved + 2 * fine.orbits();
        return new Result(s.name(), s.orbit().altitudeKm(), objective, bounds, reference, best, MassBudget.of(bestScenario),
                HotCase.of(bestScenario), bestYear, List.copyOf(search.explored), ratio,
                search.orbits.orbits() + fine.orbits(), solved, (System.nanoTime() - t0) / 1e9);
    }

    /** The dotted scenario values of a design: boards, battery (capacity and its rate limits at the base's C-rates), radiator. */
    static Map<String, Object> values(Scenario base, int boards, double batteryWh, double radiatorM2) {
        Scenario.Battery b = base.battery();
        double f = batteryWh / b.capacityWh();
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("boards.count", boards);
        v.put("battery.capacityWh", batteryWh);
        v.put("battery.maxChargeW", b.maxChargeW() * f);
        v.put("battery.maxDischargeW", b.maxDischargeW() * f);
        v.put("thermal.radiatorAreaM2", radiatorM2);
        return v;
    }

    private static Candidate candidate(Scenario d, AnnualYield.Result y, int stage, String refused) {
        MassBudget m = MassBudget.of(d);
        double perKg = y.achievedWorkUnits() / m.totalKg();
        double lifetimePerUsd = y.achievedWorkUnits() * d.economy().boardLifeYears() / m.launchLowUsd();
        return new Candidate(d.boards().count(), d.battery().capacityWh(), d.thermal().radiatorAreaM2(), m.totalKg(),
                y.boundWorkUnits(), y.achievedWorkUnits(), perKg, lifetimePerUsd, HotCase.of(d).dieC(), stage, refused);
    }

    /** The least radiator area in [min, max], to the m², whose hot case holds; NaN if none. */
    static double leastRadiatorM2(Scenario d, double minM2, double maxM2) {
        if (!HotCase.of(withRadiator(d, maxM2)).holds()) {
            return Double.NaN;
        }
        double lo = Math.floor(minM2);
        double hi = Math.ceil(maxM2);
        if (HotCase.of(withRadiator(d, Math.max(lo, minM2))).holds()) {
            return minM2;
        }
        while (hi - lo > 1) {
            double mid = Math.floor((lo + hi) / 2);
            if (HotCase.of(withRadiator(d, mid)).holds()) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        return hi;
    }

    private static Scenario withRadiator(Scenario d, double m2) {
        return d.withValues(Map.of("thermal.radiatorAreaM2", m2));
    }

    static int[] grid(int lo, int hi, int n) {
        java.util.TreeSet<Integer> out = new java.util.TreeSet<>();
        for (int i = 0; i < n; i++) {
            out.add((int) Math.round(lo + (hi - lo) * i / (double) (n - 1)));
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    static double[] geometric(double lo, double hi, int n) {
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = lo * Math.pow(hi / lo, i / (double) (n - 1));
        }
        return out;
    }

    /** The designs looked at so far. Not thread safe. */
    private static final class Search {
        final Scenario base;
        final Objective objective;
        final MeasuredRatio ratio;
        final AnnualYield.SampledYear orbits;
        final List<Candidate> explored = new ArrayList<>();
        final Map<String, Candidate> seen = new LinkedHashMap<>();
        int solved;

        Search(Scenario base, Objective objective, MeasuredRatio ratio, AnnualYield.SampledYear orbits) {
            this.base = base;
            this.objective = objective;
            this.ratio = ratio;
            this.orbits = orbits;
        }

        void look(int boards, double batteryWh, Bounds bounds, int stage) {
            String key = boards + "/" + Math.round(batteryWh);
            if (seen.containsKey(key)) {
                return;
            }
            Scenario d = base.withValues(values(base, boards, batteryWh, base.thermal().radiatorAreaM2()));
            double radiator = leastRadiatorM2(d, bounds.minRadiatorM2(), bounds.maxRadiatorM2());
            Candidate c;
            List<ConfigException> problems = DesignCheck.problems(d);
            if (Double.isNaN(radiator)) {
                HotCase hot = HotCase.of(withRadiator(d, bounds.maxRadiatorM2()));
                c = new Candidate(boards, batteryWh, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                        Double.NaN, hot.dieC(), stage, String.format(Locale.ROOT, "thermal.radiatorAreaM2: even %.0f m² "
                        + "leaves the hot case %.1f K from a limit (die %.1f °C, fluid %.1f °C)", bounds.maxRadiatorM2(),
                        hot.marginK(), hot.dieC(), hot.fluidC()));
            } else if (!problems.isEmpty()) {
                c = new Candidate(boards, batteryWh, radiator, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                        Double.NaN, stage, problems.get(0).getMessage());
            } else {
                Scenario sized = withRadiator(d, radiator);
                AnnualYield.Result y = orbits.yield(sized, ratio, 1.0);
                solved += orbits.orbits();
                c = candidate(sized, y, stage, null);
            }
            seen.put(key, c);
            explored.add(c);
        }

        Candidate best() {
            Comparator<Candidate> by = objective == Objective.WORK_PER_KG
                    ? Comparator.comparingDouble(Candidate::workPerKgYear)
                    : Comparator.comparingDouble(Candidate::lifetimeWorkPerUsd);
            return explored.stream().filter(Candidate::feasible).max(by).orElse(null);
        }
    }
}
