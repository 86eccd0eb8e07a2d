package io.sunsync.sim;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sunsync.hal.accel.AcceleratorBoard;
import io.sunsync.hal.config.BackendContext;
import io.sunsync.hal.config.BackendProvider;
import io.sunsync.hal.power.PowerSystem;
import io.sunsync.hal.thermal.ThermalControl;
import io.sunsync.hal.time.TimeSource;
import java.util.List;

/**
 * The {@code sim} backend: every simulated device is a view of one shared {@link SimSatellite}
 * built from {@code hardware.backends.sim}. Use it for the clock too, so flight and the model
 * share one virtual time.
 */
public final class SimBackendProvider implements BackendProvider {

    @Override
    public String name() {
        return "sim";
    }

    private static SimSatellite satellite(BackendContext context) {
        return context.shared("sim.satellite", SimSatellite.class,
                () -> new SimSatellite(context.settings("sim", SimSettings.class)));
    }

    @Override
    public TimeSource timeSource(ObjectNode options, BackendContext context) {
        SimSatellite sat = satellite(context);
        return new SimTimeSource(sat, sat.settings().speed());
    }

    @Override
    public PowerSystem powerSystem(ObjectNode options, BackendContext context) {
        return new SimPowerSystem(satellite(context));
    }

    @Override
    public ThermalControl thermalControl(ObjectNode options, BackendContext context) {
        return new SimThermalControl(satellite(context));
    }

    @Override
    public List<AcceleratorBoard> accelerators(ObjectNode options, BackendContext context) {
        SimSatellite sat = satellite(context);
        return sat.boards().stream().map(b -> (AcceleratorBoard) new SimAcceleratorBoard(sat, b)).toList();
    }
}
