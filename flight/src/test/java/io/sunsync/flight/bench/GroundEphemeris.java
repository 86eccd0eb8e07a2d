package io.sunsync.flight.bench;

import io.sunsync.flight.throttle.EclipseWindow;
import io.sunsync.sim.orbit.CircularOrbitPropagator;
import io.sunsync.sim.scenario.Scenario;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What the ground's flight dynamics would uplink: the eclipse windows of the coming days,
 * predicted from the orbit (here the sim harness's own orbit model, sampled every second).
 */
public final class GroundEphemeris {
    private GroundEphemeris() {
    }

    /** Eclipse windows of {@code scenario}'s orbit between {@code from} and {@code to}. */
    public static List<EclipseWindow> predict(Scenario scenario, Instant from, Instant to) {
        CircularOrbitPropagator orbit = new CircularOrbitPropagator(scenario.orbit().model(), scenario.start());
        List<EclipseWindow> windows = new ArrayList<>();
        Instant entry = null;
        boolean wasSunlit = orbit.at(from).sunlit();
        for (Instant t = from.plusSeconds(1); t.isBefore(to); t = t.plusSeconds(1)) {
            boolean sunlit = orbit.at(t).sunlit();
            if (wasSunlit && !sunlit) {
                entry = t;
            } else if (!wasSunlit && sunlit && entry != null) {
                windows.add(new EclipseWindow(entry, t));
                entry = null;
            }
            wasSunlit = sunlit;
        }
        return windows;
    }
}
