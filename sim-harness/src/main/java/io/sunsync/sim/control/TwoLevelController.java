package io.sunsync.sim.control;

import io.sunsync.hal.accel.AcceleratorBoard;
import io.sunsync.hal.power.PowerSystem;
import io.sunsync.hal.thermal.ThermalControl;
import io.sunsync.sim.orbit.EclipseEphemeris;
import io.sunsync.sim.scenario.Scenario;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * The peer an operator without a throttler would fly with an eclipse ephemeris: a two-level
 * schedule, as time-tagged commands. In sunlight the fleet runs at one level (a number of boards
 * at one cap); {@code leadS} before each predicted eclipse it drops to the eclipse level, and
 * {@code tailS} after the predicted end it goes back. Each switch re-commands every board (so a
 * board the bus shed comes back at the next switch); nothing else happens in between. The two
 * levels are the operator's tuning: {@link Sweep} chooses them as an operator would, by trying
 * them on the scenario. Not thread safe (one runner thread).
 */
public final class TwoLevelController implements SimController {
    private final Level sunlit;
    private final Level eclipse;
    private final List<EclipseEphemeris.Window> windows;
    private final double leadS;
    private final double tailS;
    private Level applied;
    private int nextWindow;

    /**
     * One level of the schedule.
     *
     * @param boardsOn boards running (the first ones), the rest off
     * @param capW     their common cap, in W
     */
    public record Level(int boardsOn, double capW) {
        /** The level that spends {@code boardsW} on {@code s}'s boards: as many at the best-work-per-watt cap as fit, raised together once all run. */
        public static Level spending(Scenario s, double boardsW) {
            double bestCap = FixedFleetController.bestWorkPerWattCapW(s);
            int n = (int) Math.max(0, Math.min(s.boards().count(), Math.floor(boardsW / bestCap)));
            double cap = bestCap;
            if (n == s.boards().count()) {
                cap = Math.min(s.boards().maxCapW(), boardsW / n);
            }
            return new Level(n, cap);
        }

        /** Total board power at this level, in W. */
        public double totalW() {
            return boardsOn * capW;
        }
    }

    /**
     * @param windows the eclipse ephemeris (the same one the throttler is given)
     * @param leadS   switch to the eclipse level this long before a predicted eclipse, in s
     * @param tailS   and back this long after its predicted end, in s
     */
    public TwoLevelController(Level sunlit, Level eclipse, List<EclipseEphemeris.Window> windows, double leadS,
                              double tailS) {
        this.sunlit = sunlit;
        this.eclipse = eclipse;
        this.windows = List.copyOf(windows);
        this.leadS = leadS;
        this.tailS = tailS;
    }

    @Override
    public String name() {
        return String.format(Locale.ROOT, "two-level-%dx%.0fW/%dx%.0fW", sunlit.boardsOn(), sunlit.capW(),
                eclipse.boardsOn(), eclipse.capW());
    }

    @Override
    public double periodS() {
        return 1.0;
    }

    /** The level the schedule calls for at {@code t}. */
    Level levelAt(Instant t) {
        while (nextWindow < windows.size()
                && !windows.get(nextWindow).end().plusMillis(Math.round(tailS * 1000)).isAfter(t)) {
            nextWindow++;
        }
        if (nextWindow < windows.size()) {
            EclipseEphemeris.Window w = windows.get(nextWindow);
            if (!t.isBefore(w.start().minusMillis(Math.round(leadS * 1000)))) {
                return eclipse;
            }
        }
        return sunlit;
    }

    @Override
    public void control(Instant now, PowerSystem power, ThermalControl thermal, List<? extends AcceleratorBoard> boards) {
        Level level = levelAt(now);
        if (level == applied) {
            return;
        }
        for (int i = 0; i < boards.size(); i++) {
            AcceleratorBoard b = boards.get(i);
            if (i < level.boardsOn()) {
                b.setCap(b.spec().clampCapW(level.capW()));
                b.setEnabled(true);
            } else {
                b.setEnabled(false);
            }
        }
        applied = level;
    }

    /**
     * The operator's tuning: the two levels that did the most work with no limit violation on the
     * scenario itself (the most a tuning on past orbits could hope for, so the peer is never
     * weakened). Coordinate search over the total board power of each level: the sunlit level
     * from 50 % to 100 % of the array's rating, the eclipse level from 40 % to 110 % of what the
     * battery's usable energy gives over the longest eclipse in the ephemeris; then each refined
     * around the best.
     *
     * @param best     the chosen controller (when no candidate ran clean: the one with the fewest
     *                 violations, then the most work)
     * @param bestWork its work units
     * @param runs     scenario runs the search took
     */
    public record Sweep(TwoLevelController best, double bestWork, int runs) {

        /** Tunes the two levels on {@code s} with {@code windows}. */
        public static Sweep tune(Scenario s, List<EclipseEphemeris.Window> windows, double leadS, double tailS) {
            // The array's rating at 1 AU (1361 W/m², normal incidence, rating temperature).
            double ratedW = s.array().areaM2() * s.array().efficiency() * s.array().packingFactor() * 1361.0;
            double longestS = windows.stream().mapToDouble(w -> Duration.between(w.start(), w.end()).toMillis() / 1000.0)
                    .max().orElse(0);
            Scenario.Battery b = s.battery();
            double essentialW = s.bus().housekeepingW() + s.thermal().loops() * s.thermal().pumpW();
            double usableWh = b.capacityWh() * (100 - b.floorPct()) / 100.0 * b.dischargeEfficiency();
            double eclipseRefW = longestS > 0
                    ? Math.max(0, Math.min(b.maxDischargeW(), usableWh * 3600 / longestS) - essentialW) : ratedW;
            Search search = new Search(s, windows, leadS, tailS);
            double sunW = 0.8 * ratedW;
            double darkW = 0.8 * eclipseRefW;
            for (int round = 0; round < 2; round++) {
                double step = round == 0 ? 0.1 : 0.025;
                double span = round == 0 ? 0.5 : 0.1;
                double bestSun = sunW;
                for (double f = -span; f <= span + 1e-9; f += step) {
                    double w = sunW + f * ratedW;
                    if (w > 0 && w <= ratedW && search.run(w, darkW)) {
                        bestSun = search.bestSunW;
                    }
                }
                sunW = bestSun;
                double bestDark = darkW;
                for (double f = -span; f <= span + 1e-9; f += step) {
                    double w = darkW + f * eclipseRefW;
                    if (w >= 0 && search.run(sunW, w)) {
                        bestDark = search.bestDarkW;
                    }
                }
                darkW = bestDark;
            }
            if (search.best == null) {
                // Nothing ran clean (an open-loop schedule cannot react to a pump failure): the
                // candidate with the fewest violations, then the most work.
                return new Sweep(search.leastBad, search.leastBadWork, search.runs);
            }
            return new Sweep(search.best, search.bestWork, search.runs);
        }
    }

    /** One candidate at a time; remembers the best clean one. */
    private static final class Search {
        final Scenario s;
        final List<EclipseEphemeris.Window> windows;
        final double leadS;
        final double tailS;
        TwoLevelController best;
        double bestWork = Double.NEGATIVE_INFINITY;
        TwoLevelController leastBad;
        double leastBadWork = Double.NEGATIVE_INFINITY;
        long leastBadViolations = Long.MAX_VALUE;
        double bestSunW;
        double bestDarkW;
        int runs;

        Search(Scenario s, List<EclipseEphemeris.Window> windows, double leadS, double tailS) {
            this.s = s;
            this.windows = windows;
            this.leadS = leadS;
            this.tailS = tailS;
        }

        /** Runs one candidate; true if it is the best clean one so far. */
        boolean run(double sunW, double darkW) {
            TwoLevelController c = new TwoLevelController(Level.spending(s, sunW), Level.spending(s, darkW), windows,
                    leadS, tailS);
            runs++;
            ScenarioRunner.RunResult r = ScenarioRunner.run(s, c, new io.sunsync.sim.SimSatellite.Recording(0, 0, null));
            boolean clean = !r.truth().violated();
            long violations = r.truth().violationCounts().values().stream().mapToLong(Integer::longValue).sum();
            double work = r.truth().workUnits();
            if (violations < leastBadViolations || (violations == leastBadViolations && work > leastBadWork)) {
                leastBad = new TwoLevelController(c.sunlit, c.eclipse, windows, leadS, tailS);
                leastBadViolations = violations;
                leastBadWork = work;
            }
            if (clean && r.truth().workUnits() > bestWork) {
                best = new TwoLevelController(c.sunlit, c.eclipse, windows, leadS, tailS);
                bestWork = r.truth().workUnits();
                bestSunW = sunW;
                bestDarkW = darkW;
                return true;
            }
            return false;
        }
    }
}
