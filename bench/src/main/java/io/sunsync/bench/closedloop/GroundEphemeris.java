package io.sunsync.bench.closedloop;

import io.sunsync.flight.throttle.EclipseWindow;
import io.sunsync.sim.orbit.EclipseEphemeris;
import io.sunsync.sim.scenario.Scenario;
import java.time.Instant;
import java.util.List;

/**
 * The ground's eclipse ephemeris for a scenario, as flight's throttler takes it: the flight-dynamics
 * prediction from the truth orbit ({@link EclipseEphemeris}), each window from the penumbra entry to
 * the penumbra exit, optionally announced late or early.
 */
public final class GroundEphemeris {
    private GroundEphemeris() {
    }

    /** Eclipse windows of {@code scenario}'s truth orbit under way between {@code from} and {@code to}. */
    public static List<EclipseWindow> predict(Scenario scenario, Instant from, Instant to) {
        return predict(scenario, from, to, 0.0);
    }

    /** The same windows announced {@code shiftS} seconds late (negative: early), as an ephemeris in error would be. */
    public static List<EclipseWindow> predict(Scenario scenario, Instant from, Instant to, double shiftS) {
        return windows(scenario, from, to, shiftS).stream().map(w -> new EclipseWindow(w.start(), w.end())).toList();
    }

    /** The same windows as the sim harness gives them (for the sim's own controllers). */
    public static List<EclipseEphemeris.Window> windows(Scenario scenario, Instant from, Instant to) {
        return windows(scenario, from, to, 0.0);
    }

    /** The sim harness's windows announced {@code shiftS} seconds late (negative: early). */
    public static List<EclipseEphemeris.Window> windows(Scenario scenario, Instant from, Instant to, double shiftS) {
        return EclipseEphemeris.predict(scenario.truthOrbit(), from, to, shiftS);
    }
}
