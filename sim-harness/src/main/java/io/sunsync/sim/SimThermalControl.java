package io.sunsync.sim;

import io.sunsync.hal.CommandResult;
import io.sunsync.hal.FaultCode;
import io.sunsync.hal.HalFault;
import io.sunsync.hal.thermal.ThermalControl;
import io.sunsync.hal.thermal.ThermalReading;
import io.sunsync.hal.thermal.ThermalSpec;
import io.sunsync.sim.fault.Sensed;
import io.sunsync.sim.scenario.Scenario;
import io.sunsync.sim.thermal.ThermalNetwork;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code sim} thermal hardware: a view of the {@link SimSatellite}'s pumped loops. One
 * zone per loop ({@code cold-plate-a}, ...: the fluid and cold plate temperature), one loop
 * entry per loop ({@code loop-a}, ...). Thread safe (locks the model).
 */
public final class SimThermalControl implements ThermalControl {
    private final SimSatellite satellite;
    private final ThermalSpec spec;

    SimThermalControl(SimSatellite satellite) {
        this.satellite = satellite;
        Scenario.Thermal t = satellite.scenario().thermal();
        List<ThermalSpec.ZoneSpec> zones = new ArrayList<>();
        List<String> loops = new ArrayList<>();
        int count = satellite.boardCount();
        for (int l = 0; l < t.loops(); l++) {
            List<String> cooled = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                if (satellite.boardBank().loopOf(i) == l) {
                    cooled.add(Scenario.boardId(i));
                }
            }
            zones.add(new ThermalSpec.ZoneSpec(Scenario.coldPlateZone(l), t.loopMinC(), t.loopMaxC(), cooled));
            loops.add(Scenario.loopName(l));
        }
        this.spec = new ThermalSpec(zones, loops);
    }

    @Override
    public ThermalSpec spec() {
        return spec;
    }

    @Override
    public ThermalReading read() {
        synchronized (satellite) {
            ThermalNetwork th = satellite.thermalNetwork();
            Instant at = satellite.now();
            Sensed all = new Sensed("thermal", at);
            List<ThermalReading.ZoneTemperature> zones = new ArrayList<>();
            List<ThermalReading.LoopState> loops = new ArrayList<>();
            for (int l = 0; l < th.loops(); l++) {
                String zone = Scenario.coldPlateZone(l);
                Sensed z = new Sensed(zone, at);
                double temp = z.check(zone, satellite.sense("thermal." + zone, th.fluidC(l), z), -150, 200);
                zones.add(new ThermalReading.ZoneTemperature(zone, temp, z.quality()));
                merge(all, z);
                String loop = Scenario.loopName(l);
                Sensed ls = new Sensed(loop, at);
                double rad = ls.check("radiatorTempC", satellite.sense("thermal." + loop + ".radiatorTempC", th.radiatorC(l),
                        ls), -200, 200);
                double flow = ls.check("flowLpm", satellite.sense("thermal." + loop + ".flowLpm", th.flowLpm(l), ls), 0, 500);
                if (th.pumpOn(l) && th.pumpFailed(l)) {
                    ls.flag(FaultCode.DEVICE_ERROR, io.sunsync.hal.Quality.GOOD, "pump",
                            "pump of " + loop + " is on but moves no fluid");
                }
                loops.add(new ThermalReading.LoopState(loop, th.pumpOn(l), th.pumpOn(l) && th.pumpFailed(l), flow,
                        th.heaterOn(l), rad, ls.quality()));
                merge(all, ls);
            }
            return new ThermalReading(at, zones, loops, all.quality(), all.faults());
        }
    }

    private static void merge(Sensed into, Sensed part) {
        for (HalFault f : part.faults()) {
            into.flag(f.code(), io.sunsync.hal.Quality.GOOD, f.quantity(), f.detail());
        }
        // Quality of the whole reading is the worst of its parts.
        if (part.quality() != io.sunsync.hal.Quality.GOOD) {
            into.worsen(part.quality());
        }
    }

    @Override
    public CommandResult setPump(String loop, boolean on) {
        synchronized (satellite) {
            int l = Scenario.loopIndex(loop, satellite.thermalNetwork().loops());
            if (l < 0) {
                return unknownLoop(loop, "setPump");
            }
            ThermalNetwork th = satellite.thermalNetwork();
            th.setPump(l, on);
            if (on && th.pumpFailed(l)) {
                return CommandResult.failure(new HalFault(FaultCode.COMMAND_NOT_VERIFIED, loop, "setPump",
                        "pump commanded on but no flow", satellite.now()));
            }
            return CommandResult.success();
        }
    }

    @Override
    public CommandResult setHeater(String loop, boolean on) {
        synchronized (satellite) {
            int l = Scenario.loopIndex(loop, satellite.thermalNetwork().loops());
            if (l < 0) {
                return unknownLoop(loop, "setHeater");
            }
            satellite.thermalNetwork().setHeater(l, on);
            return CommandResult.success();
        }
    }

    private CommandResult unknownLoop(String loop, String command) {
        return CommandResult.failure(new HalFault(FaultCode.COMMAND_REJECTED, String.valueOf(loop), command,
                "no loop '" + loop + "'; loops: " + spec.loops(), satellite.now()));
    }
}
