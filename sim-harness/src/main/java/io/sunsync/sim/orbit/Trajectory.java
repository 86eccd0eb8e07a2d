package io.sunsync.sim.orbit;

import java.time.Instant;

/**
 * The path a satellite flies and the Sun seen from the Earth, as functions of time since an
 * epoch: what the shadow, the array and the radiation environment need. Positions are in the
 * mean equator and equinox of date (z along Earth's mean pole), the frame of
 * {@link SunPosition}. Implementations: {@link CircularOrbitPropagator} (the idealised circular
 * orbit) and {@link NumericalTrajectory} (Orekit numerical propagation). Implementations are
 * thread safe.
 */
public interface Trajectory {
    /** Time zero of {@code tS}. */
    Instant epoch();

    /**
     * The satellite's state at {@code tS} seconds after {@link #epoch()}: writes position x, y, z
     * (m) into {@code out[0..2]} and velocity (m/s) into {@code out[3..5]}.
     */
    void state(double tS, double[] out);

    /**
     * The Sun at {@code tS}: writes its unit vector into {@code out[0..2]} and its distance from
     * the Earth's centre, in astronomical units, into {@code out[3]}.
     */
    void sun(double tS, double[] out);

    /** A short description of the model for reports and logs. */
    String describe();
}
