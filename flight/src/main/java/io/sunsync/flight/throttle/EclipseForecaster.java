package io.sunsync.flight.throttle;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Predicts the coming eclipses from the best source that covers the time asked about, in order
 * of precedence ({@link ForecastSource}): the ground's ephemeris while it is fresh, then on-board
 * propagation of the orbit elements over the horizon it has predicted, then what the satellite
 * has learned from the sunlit/eclipse transitions it observed (orbital period from successive
 * entries, duration from the last eclipse plus its orbit-to-orbit trend), and otherwise nothing
 * ({@link ForecastSource#WORST_CASE}: the budget planner assumes an eclipse may start at any
 * moment). Every window carries an uncertainty band; the planner starts bringing the boards
 * down that much earlier and plans the battery that much longer.
 *
 * <p>Two sources check each other and the sky checks both:
 * <ul>
 *   <li>when the ground's window and the on-board one for the same eclipse disagree by more than
 *       the on-board band, the ground window's band is widened to cover the on-board one (one of
 *       them is wrong and nothing says which), and an on-board eclipse the ground does not list
 *       comes first;</li>
 *   <li>at every observed entry and exit, each source's prediction is compared with the sky: its
 *       bands are never narrower than the largest error seen plus the observation's resolution
 *       (until its data is replaced; for learned windows, the last error), and a ground or
 *       on-board source whose nearest window is more than {@value #MISSED_S} s off missed the
 *       eclipse and is not used until its data is replaced; so is one whose window passes with the
 *       Sun seen where it put the umbra for certain and no shadow at all (an eclipse that was not
 *       there).</li>
 * </ul>
 *
 * <p>Not thread safe: state changes only on the control thread (the scheduler's, which also runs
 * the planning rate group and control-loop commands).
 */
public final class EclipseForecaster {
    /** Observed eclipses kept. */
    public static final int HISTORY = 8;
    /** A source whose nearest window is further than this from an observed transition missed it, in s. */
    static final double MISSED_S = 1200;

    /**
     * What the forecaster trusts and how much.
     *
     * @param ephemerisMaxAgeS    a ground ephemeris counts as fresh this long after its uplink, in s
     * @param learnedUncertaintyS band of a learned window, in s
     * @param resolutionS         how finely transitions are observed (the control period), in s
     */
    public record Trust(double ephemerisMaxAgeS, double learnedUncertaintyS, double resolutionS) {
        public Trust {
            if (!(ephemerisMaxAgeS > 0 && learnedUncertaintyS >= 0 && resolutionS >= 0)) {
                throw new IllegalArgumentException("bad forecast trust: " + ephemerisMaxAgeS + ", " + learnedUncertaintyS
                        + ", " + resolutionS);
            }
        }

        /** Two days of ephemeris, 10 s on learned windows, 1 s resolution. */
        public static Trust defaults() {
            return new Trust(2 * 86_400, 10, 1);
        }
    }

    /**
     * The forecast in use at one instant.
     *
     * @param source where it comes from
     * @param window the eclipse in progress or next, or null when the source predicts none (or is WORST_CASE)
     */
    public record Forecast(ForecastSource source, EclipseWindow window) {
        /** The band of the window, in s (NaN without a window). */
        public double uncertaintyS() {
            return window == null ? Double.NaN : window.uncertaintyS();
        }
    }

    private final Trust trust;
    private final Deque<EclipseWindow> observed = new ArrayDeque<>();
    private long observedCount;
    private List<EclipseWindow> ephemeris = List.of();
    private Instant ephemerisAt;
    private List<EclipseWindow> onboard = List.of();
    private Instant onboardFrom;
    private Instant onboardUntil;
    private final Map<ForecastSource, Double> floorS = new EnumMap<>(ForecastSource.class);
    private final Map<ForecastSource, Double> lastErrorS = new EnumMap<>(ForecastSource.class);
    private final EnumSet<ForecastSource> missed = EnumSet.noneOf(ForecastSource.class);
    private final Map<ForecastSource, WindowCheck> checks = new EnumMap<>(ForecastSource.class);

    /** What the sky showed during one predicted window so far. */
    private record WindowCheck(EclipseWindow window, boolean lit, boolean dark) {
    }
    private Boolean lastSunlit;
    private Instant lastT;
    private Instant currentEntry;
    private Instant lastExit;

    /** A forecaster with the default trust. */
    public EclipseForecaster() {
        this(Trust.defaults());
    }

    public EclipseForecaster(Trust trust) {
        this.trust = trust;
    }

    /** Feeds one sample of the sunlit flag at {@code t} (call every control tick, in time order). */
    public void observe(Instant t, boolean sunlit) {
        checkLit(t, sunlit);
        if (lastSunlit != null && lastSunlit && !sunlit) {
            assess(t, true);
            currentEntry = t;
        } else if (lastSunlit != null && !lastSunlit && sunlit && currentEntry != null) {
            assess(t, false);
            observed.addLast(new EclipseWindow(currentEntry, t, currentEntry, t, trust.resolutionS(), ForecastSource.LEARNED));
            observedCount++;
            while (observed.size() > HISTORY) {
                observed.removeFirst();
            }
            currentEntry = null;
            lastExit = t;
        }
        lastSunlit = sunlit;
        lastT = t;
    }

    /** Replaces the ground's ephemeris; it never goes stale (benches, tests). */
    public void uplink(List<EclipseWindow> windows) {
        uplink(windows, null);
    }

    /**
     * Replaces the ground's ephemeris, uplinked at {@code at}: fresh for
     * {@link Trust#ephemerisMaxAgeS()} from then (null: for ever).
     */
    public void uplink(List<EclipseWindow> windows, Instant at) {
        List<EclipseWindow> sorted = new ArrayList<>(windows.size());
        for (EclipseWindow w : windows) {
            sorted.add(w.source() == ForecastSource.GROUND ? w : w.with(w.uncertaintyS(), ForecastSource.GROUND));
        }
        sorted.sort((a, b) -> a.start().compareTo(b.start()));
        this.ephemeris = List.copyOf(sorted);
        this.ephemerisAt = at;
        forget(ForecastSource.GROUND);
    }

    /**
     * Sets what on-board propagation predicts: every eclipse between {@code from} and
     * {@code until} (none outside), in time order.
     *
     * @param newElements true when the prediction comes from other elements than the last one
     *                    (what was learned about the old elements' errors no longer applies)
     */
    public void onboard(List<EclipseWindow> windows, Instant from, Instant until, boolean newElements) {
        List<EclipseWindow> list = new ArrayList<>(windows.size());
        for (EclipseWindow w : windows) {
            list.add(w.source() == ForecastSource.ONBOARD ? w : w.with(w.uncertaintyS(), ForecastSource.ONBOARD));
        }
        this.onboard = List.copyOf(list);
        this.onboardFrom = from;
        this.onboardUntil = until;
        if (newElements) {
            forget(ForecastSource.ONBOARD);
        }
    }

    /** Drops the on-board prediction (the elements expired or were refused). */
    public void clearOnboard() {
        onboard = List.of();
        onboardFrom = null;
        onboardUntil = null;
        forget(ForecastSource.ONBOARD);
    }

    /** Restores observed eclipses (most recent last) after a restart. */
    public void restoreObserved(List<EclipseWindow> windows) {
        observed.clear();
        for (EclipseWindow w : windows) {
            observed.addLast(w.with(w.uncertaintyS(), ForecastSource.LEARNED));
        }
        while (observed.size() > HISTORY) {
            observed.removeFirst();
        }
        if (!observed.isEmpty()) {
            lastExit = observed.peekLast().end();
        }
    }

    private void forget(ForecastSource s) {
        checks.remove(s);
        floorS.remove(s);
        lastErrorS.remove(s);
        missed.remove(s);
    }

    // ------------------------------------------------------------------------------- the forecast

    /** The forecast in use at {@code t}: the source that covers it and the eclipse in progress or next. */
    public Forecast forecast(Instant t) {
        EclipseWindow g = groundFresh(t) ? first(ephemeris, ForecastSource.GROUND, t) : null;
        boolean onboardCovers = onboardCovers(t);
        EclipseWindow o = onboardCovers ? first(onboard, ForecastSource.ONBOARD, t) : null;
        if (g != null) {
            if (o != null) {
                if (o.earliestStart().isBefore(g.latestEnd()) && g.earliestStart().isBefore(o.latestEnd())) {
                    return new Forecast(ForecastSource.GROUND, widened(g, o));
                }
                if (o.earliestStart().isBefore(g.earliestStart())) {
                    return new Forecast(ForecastSource.ONBOARD, o); // an eclipse the ground does not list
                }
            }
            return new Forecast(ForecastSource.GROUND, g);
        }
        if (onboardCovers) {
            return new Forecast(ForecastSource.ONBOARD, o);
        }
        EclipseWindow l = learned(t);
        if (l != null) {
            return new Forecast(ForecastSource.LEARNED, l);
        }
        return new Forecast(ForecastSource.WORST_CASE, null);
    }

    /** The eclipse in progress at {@code t} or the next one after it, if predictable. */
    public Optional<EclipseWindow> nextOrCurrent(Instant t) {
        return Optional.ofNullable(forecast(t).window());
    }

    /** True when a window is predicted at {@code t} (the forecast has an eclipse to plan for). */
    public boolean known(Instant t) {
        return nextOrCurrent(t).isPresent();
    }

    private boolean groundFresh(Instant t) {
        return !ephemeris.isEmpty() && !missed.contains(ForecastSource.GROUND)
                && (ephemerisAt == null || seconds(ephemerisAt, t) <= trust.ephemerisMaxAgeS());
    }

    private boolean onboardCovers(Instant t) {
        return onboardFrom != null && !missed.contains(ForecastSource.ONBOARD) && !t.isBefore(onboardFrom)
                && t.isBefore(onboardUntil);
    }

    /**
     * The first window of {@code list} not over by {@code t} (its band counted), with the source's floor
     * applied. A window the satellite has been seen to leave (the last exit observed falls after its
     * earliest start) is over, whatever its band says: its late edge would otherwise hold the boards at
     * the eclipse plan for the band's width after every sunrise.
     */
    private EclipseWindow first(List<EclipseWindow> list, ForecastSource source, Instant t) {
        for (EclipseWindow w : list) {
            EclipseWindow b = banded(w, source);
            boolean flown = lastExit != null && !lastExit.isAfter(t) && lastExit.isAfter(b.earliestStart());
            if (b.latestEnd().isAfter(t) && !flown) {
                return b;
            }
        }
        return null;
    }

    private EclipseWindow banded(EclipseWindow w, ForecastSource source) {
        Double floor = floorS.get(source);
        return floor == null || floor <= w.uncertaintyS() ? w : w.with(floor, source);
    }

    private static EclipseWindow widened(EclipseWindow primary, EclipseWindow other) {
        double u = Math.max(primary.uncertaintyS(), Math.max(
                Math.abs(seconds(primary.start(), other.start())) + other.uncertaintyS(),
                Math.abs(seconds(primary.end(), other.end())) + other.uncertaintyS()));
        EclipseWindow w = primary.with(u, primary.source());
        // the two may disagree on how deep a grazing pass goes: plan for the darker
        return w.minLitFraction() <= other.minLitFraction() ? w : new EclipseWindow(w.start(), w.end(), w.umbraStart(),
                w.umbraEnd(), w.uncertaintyS(), w.source(), other.minLitFraction());
    }

    private EclipseWindow learned(Instant t) {
        if (observed.size() < 2) {
            return null;
        }
        EclipseWindow last = observed.peekLast();
        EclipseWindow before = null;
        for (EclipseWindow w : observed) {
            if (w == last) {
                break;
            }
            before = w;
        }
        Duration period = Duration.between(before.start(), last.start());
        if (period.isZero() || period.isNegative()) {
            return null;
        }
        if (currentEntry == null && Duration.between(last.end(), t).compareTo(period.multipliedBy(5).dividedBy(2)) > 0) {
            return null; // two orbits without the predicted eclipse: the season is over
        }
        double u = Math.max(trust.learnedUncertaintyS(), floorS.getOrDefault(ForecastSource.LEARNED, 0.0));
        double trendS = last.durationS() - before.durationS();
        Instant start = last.start();
        double durationS = last.durationS();
        if (currentEntry != null) {
            // In an eclipse now: it is one period after the last, with the trend applied once.
            double d = Math.max(1, durationS + trendS);
            Instant end = currentEntry.plusMillis((long) (d * 1000));
            return new EclipseWindow(currentEntry, end, currentEntry, end, u, ForecastSource.LEARNED);
        }
        while (true) {
            start = start.plus(period);
            durationS = durationS + trendS;
            if (durationS <= 0) {
                return null; // the season is ending: the trend says no more eclipses
            }
            Instant end = start.plusMillis((long) (durationS * 1000));
            EclipseWindow w = new EclipseWindow(start, end, start, end, u, ForecastSource.LEARNED);
            if (w.latestEnd().isAfter(t)) {
                return w;
            }
        }
    }

    // ------------------------------------------------------------------------ checking the sources

    /** Compares each source's prediction with a transition just observed at {@code t}. */
    private void assess(Instant t, boolean entry) {
        Instant before = lastT == null ? t : lastT;
        if (!ephemeris.isEmpty()) {
            record(ForecastSource.GROUND, nearest(ephemeris, t, entry), t, entry);
        }
        if (onboardFrom != null && !t.isBefore(onboardFrom) && t.isBefore(onboardUntil)) {
            record(ForecastSource.ONBOARD, nearest(onboard, t, entry), t, entry);
        }
        if (entry) {
            EclipseWindow l = learned(before);
            if (l != null) {
                record(ForecastSource.LEARNED, l, t, true);
            }
        }
    }

    /**
     * Follows each model source's window through the sky: a window that ends (its band counted)
     * with sunlight seen where it put the umbra for certain and no shadow anywhere in it predicted
     * an eclipse that was not there, and its source is set aside.
     */
    private void checkLit(Instant t, boolean sunlit) {
        for (ForecastSource s : List.of(ForecastSource.GROUND, ForecastSource.ONBOARD)) {
            WindowCheck c = checks.get(s);
            if (c != null && !t.isBefore(c.window().latestEnd())) {
                checks.remove(s);
                if (c.lit() && !c.dark() && !missed.contains(s)) {
                    missed.add(s);
                    lastErrorS.put(s, Double.NaN);
                }
                c = null;
            }
            if (c == null) {
                EclipseWindow w = containing(s == ForecastSource.GROUND ? ephemeris : onboard, s, t);
                if (w == null) {
                    continue;
                }
                c = new WindowCheck(w, false, false);
            }
            double marginS = c.window().uncertaintyS() + trust.resolutionS();
            // A window whose umbra is its whole span says nothing of where the dark lies (every real pass
            // has a penumbra): seen lit, it may have been a grazing pass. Only a stated umbra is checked.
            EclipseWindow w = c.window();
            boolean umbraStated = w.umbraStart().isAfter(w.start()) || w.umbraEnd().isBefore(w.end());
            boolean certain = umbraStated && !t.isBefore(w.umbraStart().plusMillis(Math.round(marginS * 1000)))
                    && t.isBefore(w.umbraEnd().minusMillis(Math.round(marginS * 1000)));
            checks.put(s, new WindowCheck(c.window(), c.lit() || (sunlit && certain), c.dark() || !sunlit));
        }
    }

    private EclipseWindow containing(List<EclipseWindow> list, ForecastSource source, Instant t) {
        for (EclipseWindow w : list) {
            EclipseWindow b = banded(w, source);
            if (b.mayContain(t)) {
                return b;
            }
        }
        return null;
    }

    private static EclipseWindow nearest(List<EclipseWindow> list, Instant t, boolean entry) {
        EclipseWindow best = null;
        double bestS = Double.MAX_VALUE;
        for (EclipseWindow w : list) {
            double d = Math.abs(seconds(entry ? w.start() : w.end(), t));
            if (d < bestS) {
                bestS = d;
                best = w;
            }
        }
        return best;
    }

    /**
     * The transition happened between the previous sample and {@code t}; the prediction put it
     * between the window's start and umbra entry (or umbra exit and end). The error is the gap
     * between the two intervals, signed (0 when they meet).
     */
    private void record(ForecastSource source, EclipseWindow w, Instant t, boolean entry) {
        Instant seenFrom = lastT == null || lastT.isAfter(t) ? t : lastT;
        double errorS;
        if (w == null) {
            errorS = Double.POSITIVE_INFINITY;
        } else {
            Instant lo = entry ? w.start() : w.umbraEnd();
            Instant hi = entry ? w.umbraStart() : w.end();
            errorS = t.isBefore(lo) ? seconds(lo, t) : seenFrom.isAfter(hi) ? seconds(hi, seenFrom) : 0;
        }
        if (!(Math.abs(errorS) <= MISSED_S)) {
            lastErrorS.put(source, Double.NaN);
            if (source != ForecastSource.LEARNED) {
                missed.add(source); // learned windows re-learn at the next exit; the others wait for new data
            }
            return;
        }
        lastErrorS.put(source, errorS);
        double floor = Math.abs(errorS) + trust.resolutionS();
        if (source == ForecastSource.LEARNED) {
            floorS.put(source, floor); // what it learns next replaces what it learned
        } else {
            floorS.merge(source, floor, Math::max);
        }
    }

    /**
     * The last error seen for {@code source}: observed minus predicted transition, in s (negative:
     * the eclipse came early); NaN when it missed the eclipse; empty before any comparison.
     */
    public Optional<Double> lastErrorS(ForecastSource source) {
        return Optional.ofNullable(lastErrorS.get(source));
    }

    /** Whether {@code source} missed an observed eclipse and is set aside until its data is replaced. */
    public boolean missedAnEclipse(ForecastSource source) {
        return missed.contains(source);
    }

    // -------------------------------------------------------------------------------- accessors

    /** Eclipses observed so far (most recent last, at most {@link #HISTORY}). */
    public List<EclipseWindow> observed() {
        return List.copyOf(observed);
    }

    /** Eclipses observed since start (grows by one at every eclipse exit). */
    public long observedCount() {
        return observedCount;
    }

    /** The ground's ephemeris (any age). */
    public List<EclipseWindow> ephemeris() {
        return ephemeris;
    }

    /** When the ground's ephemeris was uplinked, if it was and its age counts. */
    public Optional<Instant> ephemerisUplinkedAt() {
        return Optional.ofNullable(ephemerisAt);
    }

    /** Whether the ground's ephemeris is fresh at {@code t}. */
    public boolean ephemerisFresh(Instant t) {
        return groundFresh(t);
    }

    /** The on-board prediction's windows. */
    public List<EclipseWindow> onboardWindows() {
        return onboard;
    }

    /** The end of the on-board prediction's coverage, if any. */
    public Optional<Instant> onboardUntil() {
        return Optional.ofNullable(onboardUntil);
    }

    /** When the eclipse we are in began, if we are in one and saw it begin. */
    public Optional<Instant> currentEclipseStart() {
        return Optional.ofNullable(currentEntry);
    }

    /** Last time the array came out of eclipse, if seen. */
    public Optional<Instant> lastExit() {
        return Optional.ofNullable(lastExit);
    }

    private static double seconds(Instant from, Instant to) {
        return Duration.between(from, to).toMillis() / 1000.0;
    }
}
