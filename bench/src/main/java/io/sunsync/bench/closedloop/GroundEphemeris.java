package io.sunsync.bench.closedloop;

import io.sunsync.flight.throttle.EclipseWindow;
import io.sunsync.flight.throttle.ForecastSource;
import io.sunsync.sim.orbit.EclipseEphemeris;
import io.sunsync.sim.scenario.Scenario;
import java.time.Instant;
import java.util.List;

/**
 * The ground's eclipse ephemeris for a scenario, as flight's throttler takes it: the flight-dynamics
 * prediction from the truth orbit, each window from the penumbra entry to the penumbra exit with its
 * umbra or its least light, optionally announced late or early.
 */
public final class GroundEphemeris {
    private GroundEphemeris() {
    }

    /** Eclipse windows of {@code scenario}'s truth orbit under way between {@code from} and {@code to}. */
    public static List<EclipseWindow> predict(Scenario scenario, Instant from, Instant to) {
        return predict(scenario, from, to, 0.0);
    }

    /**
     * The same windows announced {@code shiftS} seconds late (negative: early), as an ephemeris in
     * error would be. Flight dynamics knows each pass's umbra, or for a grazing pass how much of the
     * Sun it still shows, and says so (as {@code forecast.ephemeris} carries them).
     */
    public static List<EclipseWindow> predict(Scenario scenario, Instant from, Instant to, double shiftS) {
        long nanos = Math.round(shiftS * 1e9);
        return scenario.truthOrbit().eclipses(from, to).stream()
                .map(p -> EclipseWindow.of(p.shifted(nanos), 0, ForecastSource.GROUND)).toList();
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
