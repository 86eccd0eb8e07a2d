package io.sunsync.sim.control;

import io.sunsync.hal.accel.AcceleratorBoard;
import io.sunsync.hal.power.PowerSystem;
import io.sunsync.hal.thermal.ThermalControl;
import java.time.Instant;
import java.util.List;

/**
 * A controller the sim harness can run a scenario with ({@code sim run}): it sees the
 * satellite only through the hal devices, as flight does, and commands them every
 * {@link #periodS()}. Called on the runner's thread only.
 */
public interface SimController {

    /** Short name for reports. */
    String name();

    /** Control period, in s (&gt; 0). */
    default double periodS() {
        return 10.0;
    }

    /** One control tick at mission time {@code now}. */
    void control(Instant now, PowerSystem power, ThermalControl thermal, List<? extends AcceleratorBoard> boards);

    /**
     * The period of a fast protection path, in s, or NaN (the default) for none. The runner calls
     * {@link #fastControl} at this period around shadow transitions and faults, and once per
     * control period elsewhere (see {@link ScenarioRunner}).
     */
    default double fastPeriodS() {
        return Double.NaN;
    }

    /** One tick of the fast path at mission time {@code now} (before {@link #control} when both are due). */
    default void fastControl(Instant now, PowerSystem power, List<? extends AcceleratorBoard> boards) {
    }
}
