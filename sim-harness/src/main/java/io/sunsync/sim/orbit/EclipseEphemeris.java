package io.sunsync.sim.orbit;

import io.sunsync.orbit.EclipsePass;
import java.time.Instant;
import java.util.List;

/**
 * What the ground's flight dynamics uplinks to a satellite: the eclipse windows of the coming
 * days, from the truth orbit's shadow ({@link TruthOrbit#eclipses}), each from the penumbra entry
 * (the array's output starts to fall) to the penumbra exit (full output again), optionally
 * shifted to model a prediction in error. {@code FlightDynamics.eclipses} gives the same passages
 * with their umbra times. Stateless.
 */
public final class EclipseEphemeris {
    private EclipseEphemeris() {
    }

    /**
     * One predicted eclipse.
     *
     * @param start when the array's output starts to fall (penumbra entry)
     * @param end   when it is back to full (penumbra exit)
     */
    public record Window(Instant start, Instant end) {
    }

    /** Eclipse windows of {@code truth} under way between {@code from} and {@code to}. */
    public static List<Window> predict(TruthOrbit truth, Instant from, Instant to) {
        return predict(truth, from, to, 0.0);
    }

    /**
     * Eclipse windows of {@code truth} under way between {@code from} and {@code to}, announced
     * {@code shiftS} seconds late (negative: early).
     */
    public static List<Window> predict(TruthOrbit truth, Instant from, Instant to, double shiftS) {
        if (!Double.isFinite(shiftS)) {
            throw new IllegalArgumentException("shiftS must be finite, was " + shiftS);
        }
        long nanos = Math.round(shiftS * 1e9);
        return truth.eclipses(from, to).stream()
                .map(e -> new Window(e.penumbraStart().plusNanos(nanos), e.penumbraEnd().plusNanos(nanos))).toList();
    }
}
