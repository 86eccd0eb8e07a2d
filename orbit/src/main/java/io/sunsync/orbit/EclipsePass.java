package io.sunsync.orbit;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * One passage through the Earth's shadow: the penumbra (part of the Sun's disc hidden, the
 * array's flux falling or rising) enclosing the umbra (the whole disc hidden). A grazing pass
 * that never reaches the umbra has no umbra times; how much of the Sun it still shows at its
 * deepest is what an array gives through it (a grazing pass at the start of the eclipse season
 * hides a few percent of the disc). Immutable.
 *
 * @param penumbraStart  first loss of sunlight
 * @param umbraStart     the Sun wholly hidden, or null for a penumbra-only pass
 * @param umbraEnd       the Sun's limb back, or null for a penumbra-only pass
 * @param penumbraEnd    full sunlight again
 * @param minLitFraction the least fraction of the Sun's disc seen during the pass, in [0, 1): 0 for a
 *                       total pass, and 0 where it was not worked out (the safe assumption)
 */
public record EclipsePass(Instant penumbraStart, Instant umbraStart, Instant umbraEnd, Instant penumbraEnd,
                          double minLitFraction) {
    public EclipsePass {
        Objects.requireNonNull(penumbraStart, "penumbraStart");
        Objects.requireNonNull(penumbraEnd, "penumbraEnd");
        if (!penumbraEnd.isAfter(penumbraStart)) {
            throw new IllegalArgumentException("a pass ends after it starts: " + penumbraStart + " .. " + penumbraEnd);
        }
        if ((umbraStart == null) != (umbraEnd == null)) {
            throw new IllegalArgumentException("umbra start and end come together");
        }
        if (umbraStart != null && (umbraStart.isBefore(penumbraStart) || umbraEnd.isAfter(penumbraEnd)
                || !umbraEnd.isAfter(umbraStart))) {
            throw new IllegalArgumentException("the umbra lies inside the penumbra: " + this);
        }
        if (!(minLitFraction >= 0 && minLitFraction < 1) || (umbraStart != null && minLitFraction != 0)) {
            throw new IllegalArgumentException("minLitFraction must be in [0, 1) and 0 for a total pass, was "
                    + minLitFraction);
        }
    }

    /** A pass whose least light was not worked out (taken as 0: dark). */
    public EclipsePass(Instant penumbraStart, Instant umbraStart, Instant umbraEnd, Instant penumbraEnd) {
        this(penumbraStart, umbraStart, umbraEnd, penumbraEnd, 0.0);
    }

    /** The middle of the pass: the deepest point of a grazing one (the geometry is symmetric to well under a second). */
    public Instant middle() {
        return penumbraStart.plus(Duration.between(penumbraStart, penumbraEnd).dividedBy(2));
    }

    /** The same pass moved by {@code nanos} (e.g. an ephemeris announced late). */
    public EclipsePass shifted(long nanos) {
        return new EclipsePass(penumbraStart.plusNanos(nanos), umbraStart == null ? null : umbraStart.plusNanos(nanos),
                umbraEnd == null ? null : umbraEnd.plusNanos(nanos), penumbraEnd.plusNanos(nanos), minLitFraction);
    }

    /** Whether the Sun is wholly hidden at some point. */
    public boolean total() {
        return umbraStart != null;
    }

    /** From first loss of light to full light, in s. */
    public double durationS() {
        return Duration.between(penumbraStart, penumbraEnd).toMillis() / 1000.0;
    }

    /** Time in the umbra, in s (0 for a penumbra-only pass). */
    public double umbraS() {
        return umbraStart == null ? 0 : Duration.between(umbraStart, umbraEnd).toMillis() / 1000.0;
    }
}
