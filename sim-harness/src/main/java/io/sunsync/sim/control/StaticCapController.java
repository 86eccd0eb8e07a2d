package io.sunsync.sim.control;

import io.sunsync.hal.accel.AcceleratorBoard;
import io.sunsync.hal.power.PowerSystem;
import io.sunsync.hal.thermal.ThermalControl;
import java.time.Instant;
import java.util.List;

/**
 * Holds every board at one fixed cap and does nothing else: the "no throttler" baseline.
 * Not thread safe (one runner thread).
 */
public final class StaticCapController implements SimController {
    private final double capW;
    private boolean applied;

    /** @param capW the cap for every board, in W (clamped into each board's range) */
    public StaticCapController(double capW) {
        this.capW = capW;
    }

    @Override
    public String name() {
        return "static-" + Math.round(capW) + "W";
    }

    @Override
    public void control(Instant now, PowerSystem power, ThermalControl thermal, List<? extends AcceleratorBoard> boards) {
        if (!applied) {
            for (AcceleratorBoard b : boards) {
                b.setCap(b.spec().clampCapW(capW));
            }
            applied = true;
        }
    }
}
