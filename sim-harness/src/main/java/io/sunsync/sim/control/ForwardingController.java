package io.sunsync.sim.control;

import io.sunsync.hal.accel.AcceleratorBoard;
import io.sunsync.hal.power.PowerSystem;
import io.sunsync.hal.thermal.ThermalControl;
import java.time.Instant;
import java.util.List;

/**
 * A controller that hands every call to another one, for benches and tests that watch a
 * controller while it flies: override the calls to watch, call {@code super} to fly. Forwarding
 * all of them, the fast path included, is the point: a watcher written by hand that forgot
 * {@link #fastPeriodS()} flew its controller without its fast protection. Same threading as the
 * delegate (the scenario runner's thread).
 */
public abstract class ForwardingController implements SimController {
    private final SimController delegate;

    protected ForwardingController(SimController delegate) {
        this.delegate = delegate;
    }

    @Override
    public String name() {
        return delegate.name();
    }

    @Override
    public double periodS() {
        return delegate.periodS();
    }

    @Override
    public double fastPeriodS() {
        return delegate.fastPeriodS();
    }

    @Override
    public void fastControl(Instant now, PowerSystem power, List<? extends AcceleratorBoard> boards) {
        delegate.fastControl(now, power, boards);
    }

    @Override
    public void control(Instant now, PowerSystem power, ThermalControl thermal, List<? extends AcceleratorBoard> boards) {
        delegate.control(now, power, thermal, boards);
    }
}
