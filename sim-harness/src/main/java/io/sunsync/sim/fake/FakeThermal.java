package io.sunsync.sim.fake;

import io.sunsync.hal.CommandResult;
import io.sunsync.hal.Quality;
import io.sunsync.hal.thermal.ThermalControl;
import io.sunsync.hal.thermal.ThermalReading;
import io.sunsync.hal.thermal.ThermalSpec;
import java.time.Instant;
import java.util.List;

/**
 * A thermal system held in memory, two loops and one zone, whose temperature and pump failures
 * the caller sets directly (public fields). Not thread safe: one test or benchmark thread owns it.
 */
public final class FakeThermal implements ThermalControl {
    public double zoneC = 40;
    public boolean pumpAOn = true;
    public boolean pumpBOn;
    public boolean pumpAFailed;
    public boolean heaterA;

    @Override
    public ThermalSpec spec() {
        return new ThermalSpec(List.of(new ThermalSpec.ZoneSpec("cold-plate", -10, 70)), List.of("loop-a", "loop-b"));
    }

    @Override
    public ThermalReading read() {
        return new ThermalReading(Instant.EPOCH, List.of(new ThermalReading.ZoneTemperature("cold-plate", zoneC, Quality.GOOD)),
                List.of(new ThermalReading.LoopState("loop-a", pumpAOn, pumpAFailed, pumpAFailed ? 0 : 40, heaterA, 10, Quality.GOOD),
                        new ThermalReading.LoopState("loop-b", pumpBOn, false, pumpBOn ? 40 : 0, false, 10, Quality.GOOD)),
                Quality.GOOD, List.of());
    }

    @Override
    public CommandResult setPump(String loop, boolean on) {
        if (loop.equals("loop-a")) {
            pumpAOn = on;
        } else {
            pumpBOn = on;
        }
        return CommandResult.success();
    }

    @Override
    public CommandResult setHeater(String loop, boolean on) {
        heaterA = on;
        return CommandResult.success();
    }
}
