package io.sunsync.sim.orbit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What the ground's flight dynamics uplinks to a satellite: the eclipse windows of the coming
 * days, predicted from the orbit (sampled every second on the cylindrical shadow). Stateless.
 */
public final class EclipseEphemeris {
    private EclipseEphemeris() {
    }

    /**
     * One predicted eclipse.
     *
     * @param start when the satellite enters the shadow
     * @param end   when it leaves it
     */
    public record Window(Instant start, Instant end) {
    }

    /**
     * Eclipse windows of {@code orbit} (its ascending node at {@code nodeEpoch}) that start
     * between {@code from} and {@code to}.
     */
    public static List<Window> predict(SunSynchronousOrbit orbit, Instant nodeEpoch, Instant from, Instant to) {
        CircularOrbitPropagator propagator = new CircularOrbitPropagator(orbit, nodeEpoch);
        List<Window> windows = new ArrayList<>();
        Instant entry = null;
        boolean wasSunlit = propagator.at(from).sunlit();
        for (Instant t = from.plusSeconds(1); t.isBefore(to); t = t.plusSeconds(1)) {
            boolean sunlit = propagator.at(t).sunlit();
            if (wasSunlit && !sunlit) {
                entry = t;
            } else if (!wasSunlit && sunlit && entry != null) {
                windows.add(new Window(entry, t));
                entry = null;
            }
            wasSunlit = sunlit;
        }
        return windows;
    }
}
