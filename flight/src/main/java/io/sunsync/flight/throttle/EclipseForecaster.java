package io.sunsync.flight.throttle;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * Predicts the next eclipses from the sunlit/eclipse transitions the satellite has observed
 * (orbital period from successive eclipse entries, duration from the last eclipse plus its
 * orbit-to-orbit trend), or from an ephemeris uplinked by the ground, which takes precedence
 * while it covers the time asked about. Until it has seen two eclipses and has no ephemeris it
 * says so ({@link #known()} false) and the budget planner assumes the worst case.
 *
 * <p>State changes only through {@link #observe(Instant, boolean)} and
 * {@link #uplink(List)}, both called on the control thread.
 */
public final class EclipseForecaster {
    private static final int HISTORY = 8;

    private final Deque<EclipseWindow> observed = new ArrayDeque<>();
    private List<EclipseWindow> ephemeris = List.of();
    private Boolean lastSunlit;
    private Instant currentEntry;
    private Instant lastExit;

    /** Feeds one sample of the sunlit flag at {@code t} (call every control tick, in time order). */
    public void observe(Instant t, boolean sunlit) {
        if (lastSunlit != null && lastSunlit && !sunlit) {
            currentEntry = t;
        } else if (lastSunlit != null && !lastSunlit && sunlit && currentEntry != null) {
            observed.addLast(new EclipseWindow(currentEntry, t));
            while (observed.size() > HISTORY) {
                observed.removeFirst();
            }
            currentEntry = null;
            lastExit = t;
        }
        lastSunlit = sunlit;
    }

    /** Replaces the uplinked ephemeris (eclipse windows in time order). */
    public void uplink(List<EclipseWindow> windows) {
        List<EclipseWindow> sorted = new ArrayList<>(windows);
        sorted.sort((a, b) -> a.start().compareTo(b.start()));
        this.ephemeris = List.copyOf(sorted);
    }

    /**
     * True when predictions at {@code t} are backed by an ephemeris that covers it, or by at
     * least two observed eclipses the last of which ended less than two and a half periods ago
     * (an eclipse season in progress).
     */
    public boolean known(Instant t) {
        return nextOrCurrent(t).isPresent();
    }

    /** Eclipses observed so far (most recent last, at most a few orbits). */
    public List<EclipseWindow> observed() {
        return List.copyOf(observed);
    }

    /** When the eclipse we are in began, if we are in one and saw it begin. */
    public Optional<Instant> currentEclipseStart() {
        return Optional.ofNullable(currentEntry);
    }

    /**
     * The eclipse in progress at {@code t} or the next one after it, if predictable.
     */
    public Optional<EclipseWindow> nextOrCurrent(Instant t) {
        for (EclipseWindow w : ephemeris) {
            if (w.end().isAfter(t)) {
                return Optional.of(w);
            }
        }
        if (observed.size() < 2) {
            return Optional.empty();
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
            return Optional.empty();
        }
        if (currentEntry == null && Duration.between(last.end(), t).compareTo(period.multipliedBy(5).dividedBy(2)) > 0) {
            return Optional.empty(); // two orbits without the predicted eclipse: the season is over
        }
        double trendS = last.durationS() - before.durationS();
        Instant start = last.start();
        double durationS = last.durationS();
        if (currentEntry != null) {
            // In an eclipse now: it is one period after the last, with the trend applied once.
            double d = Math.max(1, durationS + trendS);
            return Optional.of(new EclipseWindow(currentEntry, currentEntry.plusMillis((long) (d * 1000))));
        }
        while (true) {
            start = start.plus(period);
            durationS = durationS + trendS;
            if (durationS <= 0) {
                return Optional.empty(); // the season is ending: the trend says no more eclipses
            }
            EclipseWindow w = new EclipseWindow(start, start.plusMillis((long) (durationS * 1000)));
            if (w.end().isAfter(t)) {
                return Optional.of(w);
            }
        }
    }

    /** Last time the array came out of eclipse, if seen. */
    public Optional<Instant> lastExit() {
        return Optional.ofNullable(lastExit);
    }
}
