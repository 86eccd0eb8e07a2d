package io.sunsync.orbit;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * One passage through the Earth's shadow: the penumbra (part of the Sun's disc hidden, the
 * array's flux falling or rising) enclosing the umbra (the whole disc hidden). A grazing pass
 * that never reaches the umbra has no umbra times. Immutable.
 *
 * @param penumbraStart first loss of sunlight
 * @param umbraStart    the Sun wholly hidden, or null for a penumbra-only pass
 * @param umbraEnd      the Sun's limb back, or null for a penumbra-only pass
 * @param penumbraEnd   full sunlight again
 */
public record EclipsePass(Instant penumbraStart, Instant umbraStart, Instant umbraEnd, Instant penumbraEnd) {
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
