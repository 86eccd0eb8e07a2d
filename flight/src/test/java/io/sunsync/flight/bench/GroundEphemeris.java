package io.sunsync.flight.bench;

import io.sunsync.flight.throttle.EclipseWindow;
import io.sunsync.sim.orbit.EclipseEphemeris;
import io.sunsync.sim.scenario.Scenario;
import java.time.Instant;
import java.util.List;

/** The ground's eclipse ephemeris for a scenario, as flight's throttler takes it. */
public final class GroundEphemeris {
    private GroundEphemeris() {
    }

    /** Eclipse windows of {@code scenario}'s orbit between {@code from} and {@code to}. */
    public static List<EclipseWindow> predict(Scenario scenario, Instant from, Instant to) {
        return windows(scenario, from, to).stream().map(w -> new EclipseWindow(w.start(), w.end())).toList();
    }

    /** The same windows as the sim harness gives them (for the sim's own controllers). */
    public static List<EclipseEphemeris.Window> windows(Scenario scenario, Instant from, Instant to) {
        return EclipseEphemeris.predict(scenario.orbit().model(), scenario.start(), from, to);
    }
}
