package io.sunsync.sim.economy;

import io.sunsync.sim.oracle.Oracle;
import io.sunsync.sim.oracle.Plant;
import io.sunsync.sim.oracle.Segment;
import io.sunsync.sim.orbit.EclipseSeason;
import io.sunsync.sim.scenario.Orbit;
import io.sunsync.sim.scenario.Scenario;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a satellite design yields over a year: the oracle's bound on one orbit at sampled dates,
 * integrated over the year, and the achieved figure, the bound times the flight throttler's
 * {@link MeasuredRatio}.
 *
 * <p>Each sampled date is one orbit in its periodic steady state: the idealised orbit (circular,
 * cylindrical shadow) propagated over two revolutions from midnight, cut at two eclipse exits one
 * revolution apart, the battery starting at its floor. The oracle's end state is free, so it drains
 * the battery to the floor again in the last eclipse: the schedule it finds repeats orbit after orbit,
 * and no energy is borrowed from a full battery at the start (which over one orbit would be worth
 * several percent). The array reaches the first exit cold from the eclipse, as it does in flight.
 * Without eclipses any revolution will do. Dates: every {@value #SEASON_STEP_DAYS} days through the
 * eclipse season, the days just outside it, and every {@value #OFF_SEASON_STEP_DAYS} days the rest of
 * the year (about 35 orbits, each a small linear program); the rate between dates is interpolated
 * linearly. Scripted faults and random processes are left out: this is the design, not a day's
 * incidents. Stateless; thread safe.
 */
public final class AnnualYield {
    /** Days between samples inside the eclipse season. */
    public static final int SEASON_STEP_DAYS = 4;
    /** Days between samples outside it. */
    public static final int OFF_SEASON_STEP_DAYS = 30;
    /** The physics step of the sampled orbits, in s (the eclipse's edges to within it). */
    public static final double STEP_S = 2.0;

    private AnnualYield() {
    }

    /**
     * One sampled orbit.
     *
     * @param date            the date
     * @param eclipseS        time in the shadow during the orbit, in s
     * @param orbitS          the orbit's length, in s
     * @param boundWorkPerS   the oracle's bound, in work units per s
     * @param achievedWorkPerS the bound times the measured ratio
     * @param collectedW      the array's mean output at its maximum power point, in W
     * @param boardsW         the boards' mean draw in the bound's schedule, in W
     */
    public record Sample(LocalDate date, double eclipseS, double orbitS, double boundWorkPerS, double achievedWorkPerS,
                         double collectedW, double boardsW) {
    }

    /**
     * A year of a design.
     *
     * @param year               the calendar year
     * @param boundWorkUnits     the oracle's bound over the year
     * @param achievedWorkUnits  the achieved figure over the year
     * @param collectedKWh       what the array collected over the year
     * @param withoutSeasonWorkUnits the achieved figure if the eclipse season's days were like the days just outside it
     * @param eclipseDays        days with an eclipse
     * @param longestEclipseS    the longest eclipse, in s
     * @param ratio              the ratio used
     * @param samples            the sampled orbits, in date order
     */
    public record Result(int year, double boundWorkUnits, double achievedWorkUnits, double collectedKWh,
                         double withoutSeasonWorkUnits, int eclipseDays, double longestEclipseS, MeasuredRatio ratio,
                         List<Sample> samples) {
        /** The achieved figure per kWh collected. */
        public double workPerKWhCollected() {
            return achievedWorkUnits / collectedKWh;
        }

        /** What the eclipse season costs: the share of the year's work it takes away, in %. */
        public double seasonLossPct() {
            return 100.0 * (withoutSeasonWorkUnits - achievedWorkUnits) / withoutSeasonWorkUnits;
        }
    }

    /**
     * How densely to sample the year.
     *
     * @param seasonStepDays    days between samples inside the eclipse season
     * @param offSeasonStepDays days between samples outside it
     */
    public record Sampling(int seasonStepDays, int offSeasonStepDays) {
        /** For a design's figures: every 4 days in the season, every 30 outside (about 35 orbits). */
        public static final Sampling FINE = new Sampling(SEASON_STEP_DAYS, OFF_SEASON_STEP_DAYS);
        /** For comparing many designs: every 8 days in the season, every 60 outside (about 20 orbits). */
        public static final Sampling COARSE = new Sampling(8, 60);

        public Sampling {
            if (seasonStepDays < 1 || offSeasonStepDays < 1) {
                throw new IllegalArgumentException("sampling steps must be at least a day");
            }
        }
    }

    /** The year of the satellite of {@code s} that begins on 1 January of {@code year}, sampled {@link Sampling#FINE}. */
    public static Result of(Scenario s, int year, MeasuredRatio ratio) {
        return SampledYear.of(s, year, Sampling.FINE).yield(s, ratio, 1.0);
    }

    /**
     * The sampled orbits of one year for one orbit and array, propagated once and reused for every
     * design that flies them: what changes between such designs (the boards, the battery) enters
     * only the oracle's program, so each design costs one small linear program per sampled date.
     * Immutable; thread safe.
     */
    public static final class SampledYear {
        private final Scenario basis;
        private final int year;
        private final int days;
        private final int firstIn;
        private final int lastIn;
        private final EclipseSeason season;
        private final TreeMap<Integer, List<Segment>> orbits;

        private SampledYear(Scenario basis, int year, int days, int firstIn, int lastIn, EclipseSeason season,
                            TreeMap<Integer, List<Segment>> orbits) {
            this.basis = basis;
            this.year = year;
            this.days = days;
            this.firstIn = firstIn;
            this.lastIn = lastIn;
            this.season = season;
            this.orbits = orbits;
        }

        /** Propagates the sampled orbits of {@code year} for the orbit and array of {@code s}. */
        public static SampledYear of(Scenario s, int year, Sampling sampling) {
            EclipseSeason season = EclipseSeason.of(s.orbit().model(), year, 1.0);
            LocalDate jan1 = LocalDate.of(year, 1, 1);
            int days = jan1.lengthOfYear();
            List<Integer> wanted = new ArrayList<>();
            int firstIn = -1;
            int lastIn = -1;
            if (season.firstDay() != null && season.eclipseDays() < days) {
                firstIn = season.firstDay().getDayOfYear() - 1;
                lastIn = season.lastDay().getDayOfYear() - 1;
                int len = Math.floorMod(lastIn - firstIn, days) + 1;
                for (int k = 0; k < len; k += sampling.seasonStepDays()) {
                    wanted.add(Math.floorMod(firstIn + k, days));
                }
                wanted.add(lastIn);
                wanted.add(Math.floorMod(firstIn - 1, days));
                wanted.add(Math.floorMod(lastIn + 1, days));
                for (int k = 1 + sampling.offSeasonStepDays() / 2; k < days - len; k += sampling.offSeasonStepDays()) {
                    wanted.add(Math.floorMod(lastIn + k, days));
                }
            } else {
                int step = season.eclipseDays() == days ? sampling.seasonStepDays() : sampling.offSeasonStepDays();
                for (int d = 0; d < days; d += step) {
                    wanted.add(d);
                }
            }
            TreeMap<Integer, List<Segment>> orbits = new TreeMap<>();
            for (int d : wanted) {
                orbits.computeIfAbsent(d, k -> orbit(s, jan1.plusDays(k)));
            }
            return new SampledYear(s, year, days, firstIn, lastIn, season, orbits);
        }

        /** The calendar year. */
        public int year() {
            return year;
        }

        /** Sampled orbits. */
        public int orbits() {
            return orbits.size();
        }

        /**
         * The year of {@code design}, which must fly this year's orbit with this year's array (its boards
         * and battery may differ), its array's output scaled by {@code arrayFactor} (e.g. for ageing).
         */
        public Result yield(Scenario design, MeasuredRatio ratio, double arrayFactor) {
            if (!design.orbit().equals(basis.orbit()) || !design.array().areaM2().equals(basis.array().areaM2())) {
                throw new IllegalArgumentException("a sampled year serves designs on its own orbit and array");
            }
            LocalDate jan1 = LocalDate.of(year, 1, 1);
            TreeMap<Integer, Sample> byDay = new TreeMap<>();
            for (var e : orbits.entrySet()) {
                byDay.put(e.getKey(), solve(design, jan1.plusDays(e.getKey()), e.getValue(), ratio, arrayFactor));
            }
            double bound = 0;
            double achieved = 0;
            double collectedWh = 0;
            double withoutSeason = 0;
            for (int d = 0; d < days; d++) {
                bound += interpolate(byDay, d, days, Sample::boundWorkPerS) * 86_400;
                double a = interpolate(byDay, d, days, Sample::achievedWorkPerS) * 86_400;
                achieved += a;
                collectedWh += interpolate(byDay, d, days, Sample::collectedW) * 24;
                boolean inSeason = firstIn >= 0 && Math.floorMod(d - firstIn, days) <= Math.floorMod(lastIn - firstIn, days);
                if (inSeason) {
                    // The days just outside the season, interpolated across it.
                    Sample before = byDay.get(Math.floorMod(firstIn - 1, days));
                    Sample after = byDay.get(Math.floorMod(lastIn + 1, days));
                    double span = Math.floorMod(lastIn + 1 - (firstIn - 1), days);
                    double f = Math.floorMod(d - (firstIn - 1), days) / span;
                    withoutSeason += ((1 - f) * before.achievedWorkPerS() + f * after.achievedWorkPerS()) * 86_400;
                } else {
                    withoutSeason += a;
                }
            }
            return new Result(year, bound, achieved, collectedWh / 1000, withoutSeason, season.eclipseDays(),
                    season.longestEclipseS(), ratio, List.copyOf(byDay.values()));
        }
    }

    private static double interpolate(TreeMap<Integer, Sample> m, int d, int days,
                                      java.util.function.ToDoubleFunction<Sample> f) {
        Map.Entry<Integer, Sample> lo = m.floorEntry(d);
        Map.Entry<Integer, Sample> hi = m.ceilingEntry(d);
        if (lo != null && lo.getKey() == d) {
            return f.applyAsDouble(lo.getValue());
        }
        // Cyclic: before the first sample or after the last, interpolate across the year's end.
        int loDay = lo != null ? lo.getKey() : m.lastKey() - days;
        Sample loS = lo != null ? lo.getValue() : m.lastEntry().getValue();
        int hiDay = hi != null ? hi.getKey() : m.firstKey() + days;
        Sample hiS = hi != null ? hi.getValue() : m.firstEntry().getValue();
        double w = hiDay == loDay ? 0 : (double) (d - loDay) / (hiDay - loDay);
        return (1 - w) * f.applyAsDouble(loS) + w * f.applyAsDouble(hiS);
    }

    /** One orbit on {@code date} in its periodic steady state (see the class comment). */
    public static Sample sample(Scenario s, LocalDate date, MeasuredRatio ratio) {
        return solve(s, date, orbit(s, date), ratio, 1.0);
    }

    /** The segments of one revolution on {@code date}, from an eclipse exit to the next (see the class comment). */
    static List<Segment> orbit(Scenario s, LocalDate date) {
        double periodS = s.orbit().model().periodS();
        Scenario day = s.withValues(Map.of("start", date.atStartOfDay(ZoneOffset.UTC).toInstant(),
                "durationS", 2 * periodS + 120, "stepS", STEP_S, "orbit.propagator", Orbit.CIRCULAR,
                "orbit.shadow", "cylindrical", "faults", List.of()));
        List<Segment> segs = Oracle.segments(day, Oracle.Options.defaults());
        int first = -1;
        int second = -1;
        for (int i = 1; i < segs.size() && second < 0; i++) {
            if (segs.get(i).sunlit() && !segs.get(i - 1).sunlit()) {
                if (first < 0) {
                    first = i;
                } else {
                    second = i;
                }
            }
        }
        if (first >= 0 && second > first) {
            return List.copyOf(segs.subList(first, second));
        }
        List<Segment> out = new ArrayList<>();
        for (Segment g : segs) {
            if (g.startS() < periodS) {
                out.add(g);
            }
        }
        return out;
    }

    /** The oracle on one revolution for {@code design}'s boards and battery, the battery starting at its floor. */
    static Sample solve(Scenario design, LocalDate date, List<Segment> orbit, MeasuredRatio ratio, double arrayFactor) {
        int loops = design.thermal().loops();
        int count = design.boards().count();
        int[] perLoop = new int[loops];
        for (int i = 0; i < count; i++) {
            perLoop[(int) ((long) i * loops / count)]++;
        }
        double essentialW = DesignCheck.essentialW(design);
        double capacityWh = design.battery().capacityWh();
        List<Segment> segs = new ArrayList<>(orbit.size());
        double lengthS = 0;
        double eclipseS = 0;
        double collectedJ = 0;
        for (Segment g : orbit) {
            double arrayW = g.arrayW() * arrayFactor;
            segs.add(new Segment(g.startS(), g.durationS(), arrayW, g.sunlit(), essentialW, perLoop,
                    new boolean[loops], capacityWh));
            lengthS += g.durationS();
            eclipseS += g.sunlit() ? 0 : g.durationS();
            collectedJ += arrayW * g.durationS();
        }
        Plant plant = Plant.of(design);
        double floorWh = capacityWh * design.battery().floorPct() / 100.0;
        Oracle.Solution sol = Oracle.solve(segs, plant, floorWh);
        double bound = sol.workUnits() / lengthS;
        return new Sample(date, eclipseS, lengthS, bound, bound * ratio.on(eclipseS > 0), collectedJ / lengthS,
                sol.boardEnergyWh() * 3600 / lengthS);
    }
}
