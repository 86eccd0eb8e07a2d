package io.sunsync.sim;

import io.sunsync.hal.CommandResult;
import io.sunsync.hal.Quality;
import io.sunsync.hal.thermal.ThermalControl;
import io.sunsync.hal.thermal.ThermalReading;
import io.sunsync.hal.thermal.ThermalSpec;
import java.util.List;

/** The {@code sim} thermal hardware: a view of the {@link SimSatellite}'s loop temperatures. */
public final class SimThermalControl implements ThermalControl {
    private final SimSatellite satellite;
    private boolean pumpOn = true;
    private boolean heaterOn;

    public SimThermalControl(SimSatellite satellite) {
        this.satellite = satellite;
    }

    @Override
    public ThermalSpec spec() {
        return new ThermalSpec(List.of(new ThermalSpec.ZoneSpec("cold-plate", -20, 85)), List.of("loop-a"));
    }

    @Override
    public ThermalReading read() {
        double hottest = satellite.boards().stream().mapToDouble(SimBoardState::tempC).max().orElse(20.0);
        return new ThermalReading(satellite.now(),
                List.of(new ThermalReading.ZoneTemperature("cold-plate", hottest - 10, Quality.GOOD)),
                List.of(new ThermalReading.LoopState("loop-a", pumpOn, false, pumpOn ? 40.0 : 0.0, heaterOn, 15.0,
                        Quality.GOOD)),
                Quality.GOOD, List.of());
    }

    @Override
    public CommandResult setPump(String loop, boolean on) {
        pumpOn = on;
        return CommandResult.success();
    }

    @Override
    public CommandResult setHeater(String loop, boolean on) {
        heaterOn = on;
        return CommandResult.success();
    }
}
