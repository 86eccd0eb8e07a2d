package io.sunsync.flight.throttle;

import io.sunsync.orbit.EclipsePass;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A predicted (or observed) eclipse: from the first loss of sunlight ({@code start}, entering the
 * penumbra) to full sunlight again ({@code end}), the umbra (no sunlight at all) inside it, and an
 * uncertainty band on those times: the eclipse may begin up to {@code uncertaintyS} earlier and
 * end up to {@code uncertaintyS} later than predicted.
 *
 * @param start        when the array's light begins to fall (penumbra entry)
 * @param end          when it is back to full (penumbra exit), after {@code start}
 * @param umbraStart   when it is dark (umbra entry), in [start, end]
 * @param umbraEnd     when light returns (umbra exit), in [umbraStart, end]
 * @param uncertaintyS how far the true times may lie outside the predicted ones, in s (&ge; 0)
 * @param source       where the prediction came from
 * @param minLitFraction the least fraction of the Sun's disc the array sees in the window, in [0, 1): 0 when
 *                     it goes dark (a total eclipse) or nobody said; more for a grazing pass, through which
 *                     the array keeps giving that share of its power
 */
public record EclipseWindow(Instant start, Instant end, Instant umbraStart, Instant umbraEnd, double uncertaintyS,
                            ForecastSource source, double minLitFraction) {
    public EclipseWindow {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        Objects.requireNonNull(source, "source");
        if (!end.isAfter(start)) {
            throw new IllegalArgumentException("an eclipse ends after it starts: " + start + " .. " + end);
        }
        umbraStart = umbraStart == null ? start : umbraStart;
        umbraEnd = umbraEnd == null ? end : umbraEnd;
        if (umbraStart.isBefore(start) || umbraEnd.isAfter(end) || umbraEnd.isBefore(umbraStart)) {
            throw new IllegalArgumentException("the umbra lies inside the eclipse: " + umbraStart + " .. " + umbraEnd
                    + " in " + start + " .. " + end);
        }
        if (!(uncertaintyS >= 0) || Double.isInfinite(uncertaintyS)) {
            throw new IllegalArgumentException("uncertaintyS must be >= 0, was " + uncertaintyS);
        }
        if (!(minLitFraction >= 0 && minLitFraction < 1)) {
            throw new IllegalArgumentException("minLitFraction must be in [0, 1), was " + minLitFraction);
        }
    }

    /** A window that may go dark (its least light not stated: 0). */
    public EclipseWindow(Instant start, Instant end, Instant umbraStart, Instant umbraEnd, double uncertaintyS,
                         ForecastSource source) {
        this(start, end, umbraStart, umbraEnd, uncertaintyS, source, 0.0);
    }

    /**
     * A predicted pass as a window. A grazing pass has no umbra; its deepest point (the middle)
     * stands for it, so that the array seen to go dim anywhere before that point is no error, and
     * its least light goes with it.
     */
    public static EclipseWindow of(EclipsePass pass, double uncertaintyS, ForecastSource source) {
        Instant deepest = pass.middle();
        return new EclipseWindow(pass.penumbraStart(), pass.penumbraEnd(), pass.total() ? pass.umbraStart() : deepest,
                pass.total() ? pass.umbraEnd() : deepest, uncertaintyS, source, pass.minLitFraction());
    }

    /** A window from the ground without penumbra times or a stated uncertainty (umbra = whole window, band 0). */
    public EclipseWindow(Instant start, Instant end) {
        this(start, end, start, end, 0, ForecastSource.GROUND);
    }

    /** Length from first loss of light to full light, in s. */
    public double durationS() {
        return Duration.between(start, end).toMillis() / 1000.0;
    }

    /** The earliest the eclipse may begin: {@code start} less the band. */
    public Instant earliestStart() {
        return start.minusMillis(Math.round(uncertaintyS * 1000));
    }

    /** The latest it may end: {@code end} plus the band. */
    public Instant latestEnd() {
        return end.plusMillis(Math.round(uncertaintyS * 1000));
    }

    /** From the earliest start to the latest end, in s: how long the battery may have to carry the load. */
    public double spanS() {
        return durationS() + 2 * uncertaintyS;
    }

    /** True if {@code t} lies inside the predicted window (without the band). */
    public boolean contains(Instant t) {
        return !t.isBefore(start) && t.isBefore(end);
    }

    /** True if {@code t} may lie inside the eclipse: between the earliest start and the latest end. */
    public boolean mayContain(Instant t) {
        return !t.isBefore(earliestStart()) && t.isBefore(latestEnd());
    }

    /** The same times with another band and source. */
    public EclipseWindow with(double newUncertaintyS, ForecastSource newSource) {
        return new EclipseWindow(start, end, umbraStart, umbraEnd, newUncertaintyS, newSource, minLitFraction);
    }
}
